/// The untyped form of a ``Select``: optional CTEs, then one SELECT or two queries joined by a
/// set operator, each of which may itself be combined: a tree, rendered with the parentheses
/// its structure needs.
package struct SelectStatement: Hashable, Sendable {
  /// The relation the query produces (a CTE's name, or the view it defines).
  package let output: QualifiedName
  /// The declared output columns.
  package let columns: [OutputColumn]
  /// `WITH` entries, in order.
  package var commonTables: [SelectStatement] = []
  /// One SELECT, or two queries and the operator that combines them.
  package var body: Body
  /// The ORDER BY of the whole result, by output column, after any set operator.
  package var ordering: [OrderingTerm] = []
  /// How the query is evaluated when it is a CTE: `AS MATERIALIZED`, `AS NOT MATERIALIZED`, or
  /// PostgreSQL's choice (`nil`).
  package var materialization: CTEMaterialization? = nil

  /// A query's body: a SELECT, or `left op right`.
  package indirect enum Body: Hashable, Sendable {
    case select(SelectCore)
    case combined(SetOperator, SelectStatement, SelectStatement)
  }

  package init(output: QualifiedName, columns: [OutputColumn], first: SelectCore) {
    self.output = output
    self.columns = columns
    body = .select(first)
  }

  /// `left op right`, keeping both operands whole: their CTEs, ORDER BY and nesting.
  package init(_ op: SetOperator, _ left: SelectStatement, _ right: SelectStatement) {
    output = left.output
    columns = left.columns
    body = .combined(op, left, right)
  }

  /// The operands of a combined query; none for a single SELECT.
  package var operands: [SelectStatement] {
    if case .combined(_, let left, let right) = body { return [left, right] }
    return []
  }

  /// This query, its CTEs and its operands, and theirs, each once: every query a rule must see.
  package var allQueries: [SelectStatement] {
    [self] + (commonTables + operands).flatMap(\.allQueries)
  }

  /// Every SELECT of the statement, its CTEs' and operands' included.
  package var allSelects: [SelectCore] {
    allQueries.compactMap { query in
      if case .select(let core) = query.body { return core }
      return nil
    }
  }
}

/// How two queries combine: `UNION ALL` keeps every row, the others remove duplicates.
package enum SetOperator: String, Hashable, Sendable {
  case unionAll = "UNION ALL"
  case union = "UNION"
  case intersect = "INTERSECT"
  case except = "EXCEPT"

  /// PostgreSQL binds INTERSECT tighter than UNION and EXCEPT, which bind left to right.
  var bindsTighter: Bool { self == .intersect }
}

/// Whether PostgreSQL computes a CTE once (`MATERIALIZED`) or inlines it where it is read
/// (`NOT MATERIALIZED`), so the planner may push conditions into it and run it in parallel.
package enum CTEMaterialization: String, Hashable, Sendable {
  /// `AS MATERIALIZED`: computed once, read as a temporary result.
  case materialized = "MATERIALIZED"
  /// `AS NOT MATERIALIZED`: inlined like a subquery wherever it is read.
  case notMaterialized = "NOT MATERIALIZED"
}

/// A declared output column: name, type and nullability.
package struct OutputColumn: Hashable, Sendable {
  /// The column's name.
  package let name: String
  /// The column's declared type.
  package let typeInfo: SQLTypeInfo

  package init(_ column: any AnyColumn) {
    name = column.name
    typeInfo = column.typeInfo
  }
}

/// One `SELECT … FROM … WHERE … GROUP BY … HAVING … ORDER BY …`.
package struct SelectCore: Hashable, Sendable {
  /// The select list, in the declaration order of the output relation; empty for `SELECT 1`.
  package var items: [SelectItem] = []
  /// Mistakes in the select list found while building it (missing or repeated columns).
  package var selectionProblems: [StatementRules.Finding] = []
  /// Whether the select list drops duplicate rows.
  package var isDistinct = false
  /// The first FROM item.
  package var from: SourceReference?
  /// The joins after it.
  package var joins: [Join] = []
  /// The WHERE condition.
  package var condition: SQLNode?
  /// The GROUP BY expressions.
  package var grouping: [SQLNode] = []
  /// Whether a key of the grouping can only be hashed (``SelectBuilder/groupByHashing(_:)``).
  package var groupsByHashing = false
  /// The HAVING condition.
  package var having: SQLNode?
  /// ORDER BY of this SELECT alone (only valid when it is not combined with others).
  package var ordering: [OrderingTerm] = []
  /// `LIMIT n`.
  package var limit: Int? = nil
  /// `OFFSET n`.
  package var offset: Int? = nil
  /// Misuses of the builder (a second FROM), reported at generation.
  package var problems: [StatementRules.Finding] = []

  package init() {}

  /// Every expression of the SELECT, in clause order.
  package var expressions: [SQLNode] {
    let conditions = joins.compactMap { join -> SQLNode? in
      if case .on(let condition) = join.condition { return condition }
      return nil
    }
    return items.map(\.node) + conditions + [condition, having].compactMap { $0 } + grouping
      + ordering.map(\.node)
  }

  /// Every source of the FROM clause, in order.
  package var sources: [SourceReference] { (from.map { [$0] } ?? []) + joins.map(\.source) }
}

/// An item of a select list: an expression and the output column it fills.
package struct SelectItem: Hashable, Sendable {
  /// The expression.
  package let node: SQLNode
  /// The output column's name.
  package let name: String
  /// The output column's type.
  package let typeInfo: SQLTypeInfo
}

/// A join in a FROM clause.
package struct Join: Hashable, Sendable {
  /// The join types the DSL renders.
  package enum Kind: String, Hashable, Sendable {
    case inner = "JOIN"
    case left = "LEFT JOIN"
    case right = "RIGHT JOIN"
    case full = "FULL OUTER JOIN"
    case cross = "CROSS JOIN"
  }
  /// How the rows are matched.
  package enum Condition: Hashable, Sendable {
    case on(SQLNode)
    case using([String])
    case none
  }
  /// The join type.
  package let kind: Kind
  /// The joined relation.
  package let source: SourceReference
  /// The match condition.
  package let condition: Condition
}
