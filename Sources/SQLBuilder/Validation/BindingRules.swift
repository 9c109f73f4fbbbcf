/// Rules that keep every name bound where the Swift put it. Columns always render qualified
/// (`a.location_id`, `daily_goals.location_id`), so what remains to check is the qualifier and
/// the bare names: a nested query's source must not take the name of an enclosing one, and a
/// parameter or variable must not share its name with a column the query can read.
enum BindingRules {
  /// A name bound to something other than what the Swift handle means.
  enum Finding: SQLFinding, Hashable {
    /// A source of a nested query is named like a source of an enclosing query, so the
    /// enclosing source's columns, qualified by that name, would bind to the nested one.
    case shadowedSource(name: String, relation: QualifiedName)
    /// A bare parameter or variable named like a column of a source the query reads:
    /// `LANGUAGE sql` binds it to the column, PL/pgSQL refuses it as ambiguous.
    case variableNamedLikeColumn(name: String, source: String)

    var message: String {
      switch self {
      case .shadowedSource(let name, let relation):
        return
          "a nested query reads \(relation) as \(name), the name of a source of an enclosing query, whose columns it would capture; give it another alias"
      case .variableNamedLikeColumn(let name, let source):
        return
          "\(name) is a parameter or variable and also a column of \(source); SQL would read the column, so rename the parameter or variable"
      }
    }
  }

  /// A query's own sources, checked against the sources of the queries that enclose it.
  static func check(
    sources: [SourceReference], enclosing: [SourceReference], in validator: inout SQLValidator
  ) {
    let outer = Set(enclosing.filter { !$0.isTriggerRecord }.map(\.label))
    for source in sources where outer.contains(source.label) {
      validator.report(Finding.shadowedSource(name: source.label, relation: source.relation))
    }
  }

  /// A bare name read where `sources` are in scope.
  static func check(
    variable name: String, sources: [SourceReference], in validator: inout SQLValidator
  ) {
    for source in sources where !source.isTriggerRecord && source.columnNames.contains(name) {
      validator.report(Finding.variableNamedLikeColumn(name: name, source: source.label))
    }
  }
}
