/// Rules on a query: its select list matches its declared output columns, names are unique,
/// under GROUP BY every column outside an aggregate is grouped, and an ORDER BY after UNION ALL
/// names output columns.
enum QueryRules {
  static func check(_ query: SelectStatement, in writer: inout SQLWriter) {
    checkDeclaredColumns(query, in: &writer)
    for part in query.parts {
      checkDuplicates(part.items.map(\.name), in: &writer)
      checkGrouping(part, in: &writer)
    }
    checkOrderingAfterUnion(query, in: &writer)
  }

  /// PostgreSQL sorts a UNION ALL by its output columns only, named bare.
  private static func checkOrderingAfterUnion(_ query: SelectStatement, in writer: inout SQLWriter)
  {
    guard query.parts.count > 1 else { return }
    let outputs = Set(query.columns.map(\.name))
    for node in query.ordering {
      if case .column(nil, let name) = node, outputs.contains(name) { continue }
      let text = writer.expression(node)
      writer.report(
        "ORDER BY \(text) after UNION ALL must name an output column of \(query.output.name), unqualified"
      )
    }
  }

  static func checkDuplicates(_ names: [String], in writer: inout SQLWriter) {
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      writer.report("output column \"\(name)\" appears more than once")
    }
  }

  private static func checkDeclaredColumns(_ query: SelectStatement, in writer: inout SQLWriter) {
    checkDuplicates(query.columns.map(\.name), in: &writer)
    let declared = query.columns.map(\.name)
    for part in query.parts where part.items.map(\.name) != declared {
      let selected = part.items.map(\.name).joined(separator: ", ")
      writer.report(
        "selects (\(selected)) but \(query.output.name) declares (\(declared.joined(separator: ", "))), in that order"
      )
    }
  }

  private static func checkGrouping(_ part: SelectCore, in writer: inout SQLWriter) {
    let aggregated = part.items.contains { containsAggregate($0.node) }
    guard !part.grouping.isEmpty || aggregated else { return }
    let grouped = Set(part.grouping)
    for item in part.items {
      for column in ungroupedColumns(item.node, grouped: grouped) {
        let text = writer.expression(column)
        writer.report(
          "column \(text) in output \"\(item.name)\" must appear in GROUP BY or be used in an aggregate"
        )
      }
    }
  }

  private static func containsAggregate(_ node: SQLNode) -> Bool {
    node.isAggregate || node.children.contains(where: containsAggregate)
  }

  private static func ungroupedColumns(_ node: SQLNode, grouped: Set<SQLNode>) -> [SQLNode] {
    if grouped.contains(node) || node.isAggregate { return [] }
    if case .column = node { return [node] }
    return node.children.flatMap { ungroupedColumns($0, grouped: grouped) }
  }
}
