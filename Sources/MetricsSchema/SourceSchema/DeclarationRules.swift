import SQLBuilder

/// What a base table's declaration must say for the incremental strategy to read it as its view
/// does, checked at generation: a catch-up reads an account's rows through ``FactTable/account``
/// when the account's zone changes, so a view whose account comes from the row itself needs it.
enum DeclarationRules {
  enum Finding: SQLFinding, Hashable {
    /// The view's `account_id` reads the row's own columns, but `account` names none; `facts`
    /// says what the rows are, `calls`.
    case accountNotDeclared(view: String, columns: [String], facts: String)
    /// `account` names a column the view's `account_id` does not read.
    case accountNotRead(view: String, declared: String, read: [String])

    var message: String {
      switch self {
      case .accountNotDeclared(let view, let columns, let facts):
        return
          "\(view).account_id reads \(columns.joined(separator: ", ")) of the row: declare `static var account: FactColumn<Self>? { FactColumn(\\.…) }`, or the \(facts) of an account whose zone changes stay on their old dates"
      case .accountNotRead(let view, let declared, let read):
        return
          "`account` is \(declared), but \(view).account_id reads \(read.isEmpty ? "the location's account" : read.joined(separator: ", "))"
      }
    }
  }

  /// The findings on `T`'s declaration.
  static func check<T: FactTable>(_: T.Type) -> [Finding] {
    let row = SourceReference(T.self, alias: "row")
    let account = FactSources.expression("account_id", of: T.self, over: row)
    let read = (account?.deepNodes ?? []).compactMap { node in
      if case .column(let column) = node, column.source == row { return column.name }
      return nil
    }
    let view = T.Fact.qualifiedName.rendered
    switch (T.account?.name, read.isEmpty) {
    case (nil, false):
      return [
        .accountNotDeclared(
          view: view, columns: Array(Set(read)).sorted(), facts: T.Fact.kind + "s")
      ]
    case (let declared?, _) where !read.contains(declared):
      return [.accountNotRead(view: view, declared: declared, read: Array(Set(read)).sorted())]
    default: return []
    }
  }
}

/// The check of the source relations before the incremental strategy's objects, which also
/// reports, at generation, what the base tables' declarations lack.
struct CheckedSources<S: SourceSchema>: SQLStatement, ValidatedStatement, SchemaMember {
  let check: Precondition

  func render(into writer: inout SQLWriter) { check.render(into: &writer) }

  func validate(_ validator: inout SQLValidator) {
    check.validate(&validator)
    func report<T: FactTable>(_: T.Type) {
      let findings = DeclarationRules.check(T.self)
      guard !findings.isEmpty else { return }
      validator.describing("base table \(T.qualifiedName.rendered)") { v in
        findings.forEach { v.report($0) }
      }
    }
    report(S.Calls.self)
    report(S.Orders.self)
    report(S.Reservations.self)
  }

  var schemaRole: SchemaRole { check.schemaRole }
}
