/// The untyped syntax tree behind every ``SQLExpression``; the renderer turns it into text.
package indirect enum SQLNode: Hashable, Sendable {
  /// A column of a source in a FROM clause (or of the relation a DDL statement is about).
  case column(ColumnReference)
  /// A PL/pgSQL variable (or a trigger's `NEW` or `OLD` record), by name.
  case variable(String)
  /// A parameter of the function whose signature it carries, by name.
  case parameter(String, of: FunctionSignature)
  /// A constant.
  case literal(SQLLiteral)
  /// `left op right`, with the operator's binding strength.
  case binary(op: String, left: SQLNode, right: SQLNode, precedence: Precedence)
  /// `op operand`, e.g. `NOT x`.
  case prefix(op: String, operand: SQLNode, precedence: Precedence)
  /// `operand op`, e.g. `x IS NULL`.
  case postfix(operand: SQLNode, op: String, precedence: Precedence)
  /// A function call; aggregates may carry a `FILTER (WHERE …)` condition.
  case function(name: String, arguments: [SQLNode], isAggregate: Bool, filter: SQLNode?)
  /// An aggregate whose input is ordered: `name(arguments ORDER BY …)`.
  case orderedAggregate(name: String, arguments: [SQLNode], ordering: [OrderingTerm])
  /// An ordered-set aggregate: `name(arguments) WITHIN GROUP (ORDER BY …)`.
  case withinGroup(name: String, arguments: [SQLNode], ordering: [OrderingTerm])
  /// A call of a declared function, its name quoted and checked like any identifier.
  case routine(QualifiedName, [SQLNode])
  /// `name(p => value, …)`: a declared function called in named notation; `required` names
  /// the parameters without a default, which every call must pass.
  case namedCall(QualifiedName, arguments: [NamedArgument], required: [String], returns: String)
  /// `count(*)`, optionally filtered.
  case countAll(filter: SQLNode?)
  /// `operand::type`.
  case cast(SQLNode, typeName: String)
  /// `CASE WHEN … THEN … [ELSE …] END`.
  case caseWhen([WhenClause], otherwise: SQLNode?)
  /// An explicit pair of parentheses a reader asked for.
  case parenthesized(SQLNode)
  /// `operand IN (values…)`.
  case inList(SQLNode, [SQLNode])
  /// `EXISTS (SELECT 1 FROM … WHERE …)`.
  case exists(SelectCore)
  /// `EXISTS (query)` over a whole query, with CTEs or set operators.
  case existsQuery(SelectStatement)
  /// `'schema.name'::regclass`: a relation's object id, looked up when the expression runs.
  case regclass(QualifiedName)
  /// `to_regclass('schema.name')`: the relation's object id, NULL when it does not exist.
  case toRegclass(QualifiedName)
  /// A value function spelled as a keyword, e.g. `CURRENT_DATE`.
  case keyword(String)
  /// `(SELECT expression FROM …)`: the value of a one-column subquery.
  case subquery(SelectCore)
  /// `operand IN (SELECT …)`.
  case inSubquery(SQLNode, SelectCore)
  /// `operand BETWEEN low AND high`.
  case between(SQLNode, low: SQLNode, high: SQLNode)
  /// `EXTRACT(field FROM operand)`.
  case extract(field: String, SQLNode)
  /// `ARRAY[elements…]`.
  case array([SQLNode])
  /// `COUNT(DISTINCT operand)`, optionally filtered.
  case countDistinct(SQLNode, filter: SQLNode?)
  /// `function OVER (window)`: a window function, or an aggregate computed over a window.
  case window(SQLNode, WindowSpecification)

  /// Whether the node is an aggregate call, whose arguments need not be grouped.
  package var isAggregate: Bool {
    switch self {
    case .countAll, .countDistinct: return true
    case .function(_, _, let isAggregate, _): return isAggregate
    case .orderedAggregate, .withinGroup: return true
    default: return false
    }
  }

  /// The direct sub-expressions outside any subquery.
  package var children: [SQLNode] {
    switch self {
    case .column, .variable, .parameter, .literal, .countAll, .exists, .existsQuery, .regclass,
      .toRegclass,
      .keyword,
      .subquery:
      return []
    case .inSubquery(let o, _), .extract(_, let o): return [o]
    case .between(let o, let low, let high): return [o, low, high]
    case .array(let elements): return elements
    case .countDistinct(let o, let filter): return [o] + (filter.map { [$0] } ?? [])
    case .window(let function, let window):
      return function.children + window.partition + window.ordering.map(\.node)
    case .binary(_, let l, let r, _): return [l, r]
    case .prefix(_, let o, _), .postfix(let o, _, _), .cast(let o, _), .parenthesized(let o):
      return [o]
    case .function(_, let args, _, let filter): return args + (filter.map { [$0] } ?? [])
    case .orderedAggregate(_, let args, let ordering), .withinGroup(_, let args, let ordering):
      return args + ordering.map(\.node)
    case .routine(_, let args): return args
    case .namedCall(_, let args, _, _): return args.map(\.value)
    case .caseWhen(let whens, let otherwise):
      return whens.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
    case .inList(let o, let values): return [o] + values
    }
  }
}

extension SQLNode {
  /// The node and every node beneath it, those of its subqueries included.
  package var deepNodes: [SQLNode] {
    switch self {
    case .exists(let core), .subquery(let core): return [self] + core.deepNodes
    case .inSubquery(let operand, let core): return [self] + operand.deepNodes + core.deepNodes
    case .existsQuery(let query): return [self] + query.deepNodes
    default: return [self] + children.flatMap(\.deepNodes)
    }
  }
}

extension SelectStatement {
  /// Every node of every query of the statement: its CTEs', its operands', its subqueries'.
  package var deepNodes: [SQLNode] { allSelects.flatMap(\.deepNodes) }
}

extension SelectCore {
  /// Every node of the SELECT, its derived tables' and subqueries' included.
  package var deepNodes: [SQLNode] {
    let fromItems = sources.flatMap { source in
      (source.subquery?.deepNodes ?? []) + (source.functionCall?.deepNodes ?? [])
    }
    return expressions.flatMap(\.deepNodes) + fromItems
  }
}

/// One `WHEN condition THEN result` arm of a CASE expression.
package struct WhenClause: Hashable, Sendable {
  /// The condition tested.
  package let condition: SQLNode
  /// The value when the condition holds.
  package let result: SQLNode
}

/// A column read through a FROM-clause source: `c.account_id`.
///
/// Two references are the same column when source and name agree, however they were typed.
package struct ColumnReference: Hashable, Sendable {
  /// The source read, or nil for a column of the relation a DDL statement is about.
  package let source: SourceReference?
  /// The column's name.
  package let name: String
  /// Whether the reader typed the column NOT NULL (a handle that is not null-extended).
  package let readAsNotNull: Bool

  package static func == (l: Self, r: Self) -> Bool { l.source == r.source && l.name == r.name }
  package func hash(into hasher: inout Hasher) {
    hasher.combine(source)
    hasher.combine(name)
  }
}

/// One argument of a call in named notation: `p_from => value`.
package struct NamedArgument: Hashable, Sendable {
  package let name: String
  package let value: SQLNode
  /// The parameter's type the argument is passed as.
  package let typeName: String
}

/// A constant as PostgreSQL reads it.
package enum SQLLiteral: Hashable, Sendable {
  /// An integer constant.
  case integer(Int64)
  /// A decimal constant, which PostgreSQL reads as numeric (`60.0`).
  case decimal(Double)
  /// A string constant; quotes are doubled when rendered.
  case string(String)
  /// `TRUE` or `FALSE`.
  case boolean(Bool)
  /// `NULL`.
  case null

  /// The type PostgreSQL gives the constant on its own, where it needs no context.
  var defaultTypeName: String? {
    switch self {
    case .integer: return PG.Integer.sqlName
    case .decimal: return PG.Numeric.sqlName
    case .string: return PG.Text.sqlName
    case .boolean: return PG.Boolean.sqlName
    case .null: return nil
    }
  }
}

/// Binding strength of an operator, after PostgreSQL's operator precedence table.
package enum Precedence: Int, Comparable, Hashable, Sendable {
  case or = 1
  case and, not, isTest, comparison, membership, otherOperator, additive, multiplicative,
    atTimeZone
  case atom = 100

  package static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Operators that PostgreSQL does not let chain without parentheses.
  var isNonAssociative: Bool { self == .comparison || self == .isTest || self == .membership }
}
