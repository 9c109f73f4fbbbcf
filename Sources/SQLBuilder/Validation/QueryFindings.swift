extension QueryRules {
  /// What a query rule finds, with the objects it names; ``message`` is the only sentence.
  enum Finding: SQLFinding, Hashable {
    case commonTableWithSchema(QualifiedName)
    case commonTableDefinedTwice(String)
    case negativeLimit(Int)
    case negativeOffset(Int)
    case distinctOrderedByUnselected(String)
    case sourceNamedTwice(String)
    case commonTableNotDefined(String)
    case triggerRecordOutsideTrigger(clause: String, record: String)
    case sourceNotInScope(clause: String, column: String, source: String)
    case nullExtendedReadAsNotNull(clause: String, column: String, source: String)
    case windowNotAllowed(function: String, clause: String)
    case aggregateNotAllowed(aggregate: String, clause: String)
    case aggregateNested(String)
    case outputColumnTwice(String)
    case ungroupedColumn(column: String, clause: String)
    case columnInConstant(clause: String, column: String, tableColumnsAllowed: Bool)
    case subqueryNotAllowed(clause: String)
    case aggregateInAssignment(column: String)
    case orderedAggregateInHashedGrouping(String)

    var message: String {
      switch self {
      case .commonTableWithSchema(let name): return "CTE \(name) must have a name without a schema"
      case .commonTableDefinedTwice(let name): return "CTE \(name) is defined twice"
      case .negativeLimit(let limit): return "LIMIT \(limit) is negative"
      case .negativeOffset(let offset): return "OFFSET \(offset) is negative"
      case .distinctOrderedByUnselected(let term):
        return "ORDER BY \(term) must be in the select list of a SELECT DISTINCT"
      case .sourceNamedTwice(let label):
        return "\(label) appears twice in one FROM clause; give each source its own alias"
      case .commonTableNotDefined(let name):
        return "reads CTE \(name), which no WITH defines before this query"
      case .triggerRecordOutsideTrigger(let clause, let record):
        return "\(clause) reads \(record) outside a trigger function"
      case .sourceNotInScope(let clause, let column, let source):
        return
          "\(clause) reads \(column), but \(source) is not a source of this query at that point"
      case .nullExtendedReadAsNotNull(let clause, let column, let source):
        return
          "\(clause) reads \(column) as NOT NULL, but an outer join makes \(source) nullable; read it through q.nullable(\(source))"
      case .windowNotAllowed(let function, let clause):
        return "window function \(function) is not allowed in \(clause)"
      case .aggregateNotAllowed(let aggregate, let clause):
        return "aggregate \(aggregate) is not allowed in \(clause)"
      case .aggregateNested(let aggregate):
        return "aggregate \(aggregate) is nested in another aggregate"
      case .outputColumnTwice(let name): return "output column \"\(name)\" appears more than once"
      case .ungroupedColumn(let column, let clause):
        return "column \(column) in \(clause) must appear in GROUP BY or be used in an aggregate"
      case .columnInConstant(let clause, let column, let tableColumnsAllowed):
        return
          "\(clause) reads column \(column); it may read only \(tableColumnsAllowed ? "its table's columns" : "constants and functions")"
      case .subqueryNotAllowed(let clause):
        return "\(clause) has a subquery, which PostgreSQL does not allow there"
      case .aggregateInAssignment(let column):
        return "aggregate in the value of column \"\(column)\"; use a subquery"
      case .orderedAggregateInHashedGrouping(let aggregate):
        return
          "aggregate \(aggregate) sorts its input, which a grouping by hashing (groupByHashing) cannot do: PostgreSQL fails with \"could not implement GROUP BY\""
      }
    }
  }
}
