extension SQLWriter {
  /// Renders an expression on one line, adding parentheses only where precedence needs them.
  package mutating func expression(_ node: SQLNode) -> String {
    switch node {
    case .column(let column):
      // Always qualified (by the alias, else the relation's own name), so that no source of
      // a nested query can capture the reference; only an output column of a combined query's
      // ORDER BY has no source.
      let name = identifier(column.name)
      return column.source.map { identifier($0.label) + "." + name } ?? name
    case .variable(let name), .parameter(let name, _):
      return identifier(name)
    case .literal(let literal):
      return Self.literal(literal)
    case .binary(let op, let left, let right, let precedence):
      let l = operand(left, under: precedence, isRight: false)
      let r = operand(right, under: precedence, isRight: true)
      return "\(l) \(op) \(r)"
    case .prefix(let op, let operand, let precedence):
      return "\(op) " + self.operand(operand, under: precedence, isRight: true)
    case .postfix(let operand, let op, let precedence):
      return self.operand(operand, under: precedence, isRight: false) + " " + op
    case .function(let name, let arguments, _, let filter):
      let args = arguments.map { expression($0) }.joined(separator: ", ")
      return "\(name)(\(args))" + filterClause(filter)
    case .orderedAggregate(let name, let arguments, let ordering):
      let args = arguments.map { expression($0) }.joined(separator: ", ")
      return "\(name)(\(args) ORDER BY \(orderingTerms(ordering)))"
    case .withinGroup(let name, let arguments, let ordering):
      let args = arguments.map { expression($0) }.joined(separator: ", ")
      return "\(name)(\(args)) WITHIN GROUP (ORDER BY \(orderingTerms(ordering)))"
    case .routine(let function, let arguments):
      return "\(name(function))(" + arguments.map { expression($0) }.joined(separator: ", ") + ")"
    case .namedCall(let function, let arguments, _, _):
      let list = arguments.map { "\(identifier($0.name)) => \(expression($0.value))" }
      return "\(name(function))(" + list.joined(separator: ", ") + ")"
    case .countAll(let filter):
      return "COUNT(*)" + filterClause(filter)
    case .cast(.caseWhen(let whens, let otherwise), let type):
      return "(\(expression(.caseWhen(whens, otherwise: otherwise))))::" + typeName(type)
    case .cast(let operand, let type):
      return self.operand(operand, under: .atom, isRight: false) + "::" + typeName(type)
    case .caseWhen(let whens, let otherwise):
      var parts = ["CASE"]
      for when in whens {
        parts.append("WHEN \(expression(when.condition)) THEN \(expression(when.result))")
      }
      if let otherwise { parts.append("ELSE \(expression(otherwise))") }
      parts.append("END")
      return parts.joined(separator: " ")
    case .parenthesized(let inner):
      return "(\(expression(inner)))"
    case .inList(let operand, let values):
      let list = values.map { expression($0) }.joined(separator: ", ")
      return self.operand(operand, under: .membership, isRight: false) + " IN (\(list))"
    case .keyword(let word):
      return word
    case .subquery(let query):
      return query.renderSubquery(&self)
    case .inSubquery(let operand, let query):
      return self.operand(operand, under: .membership, isRight: false)
        + " IN \(query.renderSubquery(&self))"
    case .between(let operand, let low, let high):
      let o = self.operand(operand, under: .membership, isRight: false)
      let l = self.operand(low, under: .membership, isRight: false)
      let h = self.operand(high, under: .membership, isRight: true)
      return "\(o) BETWEEN \(l) AND \(h)"
    case .extract(let field, let operand):
      return "EXTRACT(\(field) FROM \(expression(operand)))"
    case .array(let elements):
      return "ARRAY[" + elements.map { expression($0) }.joined(separator: ", ") + "]"
    case .countDistinct(let operand, let filter):
      return "COUNT(DISTINCT \(expression(operand)))" + filterClause(filter)
    case .window(let function, let window):
      return "\(expression(function)) OVER (\(self.window(window)))"
    case .toRegclass(let relation):
      return "to_regclass(\(PostgreSQL.stringLiteral(name(relation))))"
    case .regclass(let relation):
      return PostgreSQL.stringLiteral(name(relation)) + "::regclass"
    case .existsQuery(let query):
      return "EXISTS \(inline(query))"
    case .exists(let query):
      return "EXISTS \(query.renderSubquery(&self))"
    }
  }

  private mutating func filterClause(_ filter: SQLNode?) -> String {
    filter.map { " FILTER (WHERE \(expression($0)))" } ?? ""
  }

  /// An expression as the lines of a select list item: on one line when it fits, and a CASE
  /// too wide for one as `CASE`, each `WHEN … THEN …` and the `ELSE` a line deeper, and `END`.
  package mutating func expressionLines(_ node: SQLNode) -> [String] {
    let flat = expression(node)
    guard flat.count > QueryRenderingLayout.maxInlineWidth,
      case .caseWhen(let whens, let otherwise) = node
    else { return [flat] }
    var lines = ["CASE"]
    for when in whens {
      let result = "THEN \(expression(when.result))"
      let condition = conditionLines("WHEN", when.condition)
      if condition.count == 1,
        condition[0].count + result.count < QueryRenderingLayout.maxInlineWidth
      {
        lines.append("  \(condition[0]) \(result)")
      } else {
        lines += condition.map { "  " + $0 } + ["    " + result]
      }
    }
    if let otherwise { lines.append("  ELSE \(expression(otherwise))") }
    return lines + ["END"]
  }

  /// `keyword condition` on one line when it fits, else one conjunct of its top-level AND
  /// chain a line: `WHERE a`, then `  AND b`, each parenthesized as inside the chain.
  package mutating func conditionLines(_ keyword: String, _ node: SQLNode) -> [String] {
    let flat = "\(keyword) \(expression(node))"
    let conjuncts = Self.conjuncts(of: node)
    guard flat.count > QueryRenderingLayout.maxInlineWidth, conjuncts.count > 1 else {
      return [flat]
    }
    return conjuncts.enumerated().flatMap { index, conjunct in
      let lead = index == 0 ? "\(keyword) " : "  AND "
      let text = operand(conjunct, under: .and, isRight: false)
      // A comparison too wide for a line puts its operator and right side on the next; one
      // already over several lines (a subquery's) stays as it is.
      guard lead.count + text.count > QueryRenderingLayout.maxInlineWidth, !text.contains("\n"),
        case .binary(let op, let left, let right, .comparison) = conjunct
      else { return [lead + text] }
      return [
        lead + operand(left, under: .comparison, isRight: false),
        "    \(op) " + operand(right, under: .comparison, isRight: true),
      ]
    }
  }

  /// The operands of a chain of ANDs, in order; the node itself when it is no AND.
  private static func conjuncts(of node: SQLNode) -> [SQLNode] {
    guard case .binary("AND", let left, let right, .and) = node else { return [node] }
    return conjuncts(of: left) + conjuncts(of: right)
  }

  private mutating func operand(_ node: SQLNode, under parent: Precedence, isRight: Bool) -> String
  {
    let text = expression(node)
    let own = Self.precedence(of: node)
    let needsParentheses =
      own < parent || (own == parent && (isRight || parent.isNonAssociative) && own != .atom)
    return needsParentheses ? "(\(text))" : text
  }

  private static func precedence(of node: SQLNode) -> Precedence {
    switch node {
    case .binary(_, _, _, let p), .prefix(_, _, let p), .postfix(_, _, let p): return p
    case .inList, .inSubquery, .between: return .membership
    case .literal(.integer(let v)) where v < 0: return .additive
    default: return .atom
    }
  }

  /// Swift's shortest digits without an exponent, as a person writes a constant: `1e-06` becomes
  /// `0.000001`, `1e+16` becomes `10000000000000000`.
  static func plainDecimal(_ text: String) -> String {
    guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
      let exponent = Int(text[text.index(after: e)...])
    else { return text }
    var mantissa = String(text[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(parts[0])
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = whole + fraction
    var point = whole.count + exponent
    if point <= 0 {
      digits = String(repeating: "0", count: -point + 1) + digits
      point = 1
    } else if point > digits.count {
      digits += String(repeating: "0", count: point - digits.count)
    }
    let integer = digits.prefix(point)
    let decimals = digits.dropFirst(point)
    let plain = decimals.isEmpty ? String(integer) : "\(integer).\(decimals)"
    return (negative ? "-" : "") + plain
  }

  static func literal(_ literal: SQLLiteral) -> String {
    switch literal {
    case .integer(let value): return String(value)
    case .decimal(let value):
      guard value.isFinite else {
        let name = value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity"
        return "'\(name)'::numeric"
      }
      let text = plainDecimal(String(value))
      return text.contains(".") ? text : text + ".0"
    case .string(let value): return PostgreSQL.stringLiteral(value)
    case .boolean(let value): return value ? "TRUE" : "FALSE"
    case .null: return "NULL"
    }
  }
}
