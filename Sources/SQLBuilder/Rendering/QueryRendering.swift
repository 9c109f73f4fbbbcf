extension SelectStatement {
  /// Renders the query without a terminating semicolon, so it can be embedded.
  public func render(into writer: inout SQLWriter) {
    for (index, table) in commonTables.enumerated() {
      let name = writer.identifier(table.output.name)
      let keyword = table.materialization.map { "AS \($0.rawValue)" } ?? "AS"
      writer.line(index == 0 ? "WITH \(name) \(keyword) (" : "\(name) \(keyword) (")
      writer.describing("CTE \(table.output.name)") { inner in
        inner.indented { table.render(into: &$0) }
      }
      writer.line(index == commonTables.count - 1 ? ")" : "),")
    }
    QueryRules.check(self, in: &writer)
    for (index, part) in parts.enumerated() {
      if index > 0 { writer.line("UNION ALL") }
      part.render(into: &writer)
    }
    if !ordering.isEmpty {
      writer.line("ORDER BY " + ordering.map { writer.expression($0) }.joined(separator: ", "))
    }
  }
}

extension SelectCore {
  func render(into writer: inout SQLWriter) {
    writer.line("SELECT")
    writer.indented { w in
      for (index, item) in items.enumerated() {
        var text = w.expression(item.node)
        if case .literal(let literal) = item.node, literal.defaultTypeName != item.typeInfo.name {
          text += "::" + item.typeInfo.name
        }
        if case .column(_, let name) = item.node, name == item.name {
        } else {
          text += " AS " + w.identifier(item.name)
        }
        w.line(index == items.count - 1 ? text : text + ",")
      }
    }
    if let from { writer.line("FROM " + writer.fromItem(from)) }
    for join in joins {
      let head = "\(join.kind.rawValue) \(writer.fromItem(join.item))"
      switch join.condition {
      case .on(let condition):
        writer.line("\(head) ON \(writer.expression(condition))")
      case .using(let columns):
        let list = columns.map { writer.identifier($0) }.joined(separator: ", ")
        writer.line("\(head) USING (\(list))")
      }
    }
    if let condition { writer.line("WHERE " + writer.expression(condition)) }
    if !grouping.isEmpty {
      writer.line("GROUP BY " + grouping.map { writer.expression($0) }.joined(separator: ", "))
    }
  }
}
