extension SQLWriter {
  /// `WITH a AS (…), b AS (…)`, one entry after the other; nothing when there are none.
  package mutating func commonTables(_ entries: [CommonTableEntry]) {
    for (index, entry) in entries.enumerated() {
      let name = identifier(entry.output.name)
      var keyword = "AS"
      if case .query(let query) = entry.body, let materialization = query.materialization {
        keyword = "AS \(materialization.rawValue)"
      }
      line(index == 0 ? "WITH \(name) \(keyword) (" : "\(name) \(keyword) (")
      indented { w in
        switch entry.body {
        case .query(let query): query.render(into: &w)
        case .modifying(let table): table.renderBody(&w)
        }
      }
      line(index == entries.count - 1 ? ")" : "),")
    }
  }
}

extension SelectStatement {
  /// Renders the query without a terminating semicolon, so it can be embedded.
  package func render(into writer: inout SQLWriter) {
    writer.commonTables(commonTables.map(CommonTableEntry.query))
    renderBody(into: &writer)
    if !ordering.isEmpty { writer.line("ORDER BY " + writer.orderingTerms(ordering)) }
  }

  private func renderBody(into writer: inout SQLWriter) {
    switch body {
    case .select(let core):
      core.render(into: &writer, withOrdering: true)
    case .combined(let op, let left, let right):
      left.render(operandOf: op, isRight: false, into: &writer)
      writer.line(op.rawValue)
      right.render(operandOf: op, isRight: true, into: &writer)
    }
  }

  /// An operand of `op`, in parentheses where it would otherwise read differently: it has a
  /// WITH, an ORDER BY, a LIMIT or an OFFSET of its own, it is combined on the right, or it is
  /// combined on the left by another operator (`(A EXCEPT B) UNION ALL C`, not a chain a
  /// reader must resolve by precedence).
  private func render(operandOf op: SetOperator, isRight: Bool, into writer: inout SQLWriter) {
    var needsParentheses = !commonTables.isEmpty || !ordering.isEmpty
    switch body {
    case .select(let core):
      needsParentheses =
        needsParentheses || !core.ordering.isEmpty || core.limit != nil || core.offset != nil
    case .combined(let inner, _, _):
      needsParentheses = needsParentheses || isRight || inner != op
    }
    guard needsParentheses else { return renderBody(into: &writer) }
    writer.line("(")
    writer.indented { render(into: &$0) }
    writer.line(")")
  }
}

extension SelectCore {
  func render(into writer: inout SQLWriter, withOrdering: Bool) {
    writer.line(isDistinct ? "SELECT DISTINCT" : "SELECT")
    writer.indented { w in
      for (index, item) in items.enumerated() {
        var lines = w.expressionLines(item.node)
        var text = lines.removeLast()
        if case .literal(let literal) = item.node, literal.defaultTypeName != item.typeInfo.name {
          text += "::" + w.typeName(item.typeInfo.name)
        }
        if case .column(let column) = item.node, column.name == item.name {
        } else {
          text += " AS " + w.identifier(item.name)
        }
        lines.forEach { w.line($0) }
        w.line(index == items.count - 1 ? text : text + ",")
      }
    }
    if let from { writer.fromLines("FROM", from, after: "") }
    for join in joins { writer.joinLines(join) }
    if let condition { writer.conditionLines("WHERE", condition).forEach { writer.line($0) } }
    if !grouping.isEmpty {
      writer.line("GROUP BY " + grouping.map { writer.expression($0) }.joined(separator: ", "))
    }
    if let having { writer.conditionLines("HAVING", having).forEach { writer.line($0) } }
    if withOrdering && !ordering.isEmpty {
      writer.line("ORDER BY " + writer.orderingTerms(ordering))
    }
    if let limit { writer.line("LIMIT \(limit)") }
    if let offset { writer.line("OFFSET \(offset)") }
  }

  /// `(SELECT 1 FROM … WHERE …)` (or the subquery's value), as EXISTS, IN and a scalar
  /// subquery read it: on one line when short, else one clause a line.
  func renderSubquery(_ writer: inout SQLWriter) -> String {
    let list =
      items.isEmpty ? "1" : items.map { writer.expression($0.node) }.joined(separator: ", ")
    var parts = [(isDistinct ? "SELECT DISTINCT " : "SELECT ") + list]
    if let from { parts.append("FROM " + writer.fromItem(from)) }
    for join in joins { parts.append(writer.join(join)) }
    if let condition {
      parts.append(writer.conditionLines("WHERE", condition).joined(separator: "\n"))
    }
    if !grouping.isEmpty {
      parts.append("GROUP BY " + grouping.map { writer.expression($0) }.joined(separator: ", "))
    }
    if let having {
      parts.append(writer.conditionLines("HAVING", having).joined(separator: "\n"))
    }
    if !ordering.isEmpty { parts.append("ORDER BY " + writer.orderingTerms(ordering)) }
    if let limit { parts.append("LIMIT \(limit)") }
    if let offset { parts.append("OFFSET \(offset)") }
    return SQLWriter.parenthesized(parts)
  }
}

extension SQLWriter {
  /// `public.calls_v c`: a relation and its alias, as the FROM clause spells it; a derived
  /// table on one line, `(SELECT …) x`.
  package mutating func fromItem(_ source: SourceReference) -> String {
    if let call = source.functionCall {
      let alias = identifier(source.alias ?? source.relation.name)
      if !source.definesColumns.isEmpty {
        let columns = source.definesColumns.map { "\(identifier($0.name)) \(typeName($0.type))" }
        return "\(expression(call)) AS \(alias)(\(columns.joined(separator: ", ")))"
      }
      guard source.namesColumns else { return "\(expression(call)) \(alias)" }
      let columns = source.columnNames.map { identifier($0) }.joined(separator: ", ")
      return "\(expression(call)) AS \(alias)(\(columns))"
    }
    if let query = source.subquery {
      let lateral = source.isLateral ? "LATERAL " : ""
      return "\(lateral)\(inline(query)) \(identifier(source.alias ?? source.relation.name))"
    }
    let relation = name(source.relation)
    return source.alias.map { "\(relation) \(identifier($0))" } ?? relation
  }

  /// `(query)` inside an expression or a FROM item: on one line when short, the `(` and `)`
  /// of a parenthesized operand hugging what they enclose; else laid out as a statement is,
  /// indented inside its parentheses.
  mutating func inline(_ query: SelectStatement) -> String {
    var inner = SQLWriter()
    query.render(into: &inner)
    var text = ""
    for line in inner.lines.map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if !text.isEmpty && !text.hasSuffix("(") && !line.hasPrefix(")") { text += " " }
      text += line
    }
    if text.count <= Self.maxInlineWidth { return "(\(text))" }
    return Self.indentedInParentheses(inner.lines)
  }

  /// The widest subquery kept on one line.
  static let maxInlineWidth = QueryRenderingLayout.maxInlineWidth

  /// `(part part …)` on one line when it fits, else each part on a line of its own, indented.
  static func parenthesized(_ parts: [String]) -> String {
    let flat = parts.joined(separator: " ")
    if flat.count <= maxInlineWidth && !flat.contains("\n") { return "(\(flat))" }
    return indentedInParentheses(
      parts.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) })
  }

  /// `(`, the lines one level deeper, `)`: a subquery too long for one line.
  private static func indentedInParentheses(_ lines: [some StringProtocol]) -> String {
    "(\n" + lines.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n") + "\n)"
  }

  /// `keyword item` on one line, or for a derived table `keyword (`, the query indented, and
  /// `) alias` followed by `after`.
  mutating func fromLines(_ keyword: String, _ source: SourceReference, after: String) {
    guard let query = source.subquery else {
      return line("\(keyword) \(fromItem(source))\(after)")
    }
    line("\(keyword) \(source.isLateral ? "LATERAL " : "")(")
    indented { query.render(into: &$0) }
    line(") \(identifier(source.alias ?? source.relation.name))\(after)")
  }

  mutating func joinLines(_ join: Join) {
    fromLines(join.kind.rawValue, join.source, after: joinCondition(join))
  }

  mutating func join(_ join: Join) -> String {
    "\(join.kind.rawValue) \(fromItem(join.source))\(joinCondition(join))"
  }

  private mutating func joinCondition(_ join: Join) -> String {
    switch join.condition {
    case .on(let condition):
      return " ON \(expression(condition))"
    case .using(let columns):
      return " USING (\(columns.map { identifier($0) }.joined(separator: ", ")))"
    case .none:
      return ""
    }
  }

  mutating func orderingTerms(_ terms: [OrderingTerm]) -> String {
    terms.map { term in
      var text = expression(term.node)
      if term.isDescending { text += " DESC" }
      if let nulls = term.nulls { text += " " + nulls.rawValue }
      return text
    }.joined(separator: ", ")
  }
}

/// How wide generated SQL lets a line grow before laying it out over several.
enum QueryRenderingLayout {
  /// The widest subquery or condition kept on one line.
  static let maxInlineWidth = 100
}
