/// Rules on a query: its select list sets each declared column once, every source it reads is
/// in its FROM clause (or an enclosing query's), CTEs are defined before they are read, aliases
/// are unique, outer joins' nullable sides are read as nullable, aggregates appear only where
/// SQL allows them, and under GROUP BY every column outside an aggregate is grouped.
enum QueryRules {
  /// What a query may read: the enclosing queries' sources and the CTEs defined so far.
  struct Scope {
    var sources: [SourceReference] = []
    var nullExtended: Set<SourceReference> = []
    var commonTables: Set<QualifiedName> = []
  }

  static func check(_ query: SelectStatement, in writer: inout SQLValidator) {
    check(query, scope: Scope(), in: &writer)
  }

  /// Checks the WITH entries of a statement in order, each seeing the ones before it, and
  /// returns their names for the statement itself.
  static func check(commonTables entries: [CommonTableEntry], in writer: inout SQLValidator)
    -> Set<QualifiedName>
  {
    var scope = Scope()
    for entry in entries {
      writer.identifier(entry.output.name)
      writer.describing("\(writer.context), CTE \(entry.output.name)") { w in
        switch entry.body {
        case .query(let query): check(query, scope: scope, in: &w)
        case .modifying(let table):
          let outer = w.commonTablesInScope
          w.commonTablesInScope = scope.commonTables
          table.validate(&w)
          w.commonTablesInScope = outer
        }
      }
      if entry.output.schema != nil {
        writer.report(Finding.commonTableWithSchema(entry.output))
      }
      if !scope.commonTables.insert(entry.output).inserted {
        writer.report(Finding.commonTableDefinedTwice(entry.output.name))
      }
    }
    return scope.commonTables
  }

  /// Checks `query` where the CTEs `names` are defined.
  static func check(
    _ query: SelectStatement, commonTables names: Set<QualifiedName>,
    in writer: inout SQLValidator
  ) {
    check(query, scope: Scope(commonTables: names), in: &writer)
  }

  /// Checks an expression outside any query, e.g. a PL/pgSQL condition.
  static func check(expression node: SQLNode, clause: String, in writer: inout SQLValidator) {
    checkExpression(
      node, scope: Scope(), clause: clause, aggregates: .forbidden, windows: false, in: &writer)
  }

  private static func check(_ query: SelectStatement, scope: Scope, in writer: inout SQLValidator) {
    checkDuplicates(query.columns.map(\.name), in: &writer)
    var scope = scope
    for table in query.commonTables {
      writer.identifier(table.output.name)
      writer.describing("\(writer.context), CTE \(table.output.name)") { w in
        check(table, scope: scope, in: &w)
      }
      if table.output.schema != nil {
        writer.report(Finding.commonTableWithSchema(table.output))
      }
      if !scope.commonTables.insert(table.output).inserted {
        writer.report(Finding.commonTableDefinedTwice(table.output.name))
      }
    }
    switch query.body {
    case .select(let core):
      checkCore(core, scope: scope, in: &writer)
    case .combined(_, let left, let right):
      check(left, scope: scope, in: &writer)
      check(right, scope: scope, in: &writer)
    }
  }

  private static func checkCore(_ core: SelectCore, scope: Scope, in writer: inout SQLValidator) {
    core.problems.forEach { writer.report($0) }
    BindingRules.check(sources: core.sources, enclosing: scope.sources, in: &writer)
    core.selectionProblems.forEach { writer.report($0) }
    if let limit = core.limit, limit < 0 { writer.report(Finding.negativeLimit(limit)) }
    if let offset = core.offset, offset < 0 { writer.report(Finding.negativeOffset(offset)) }
    if core.isDistinct {
      let listed = Set(core.items.map(\.node))
      for term in core.ordering where !listed.contains(term.node) {
        writer.report(Finding.distinctOrderedByUnselected(writer.text(term.node)))
      }
    }
    checkDuplicates(core.items.map(\.name), in: &writer)
    core.items.forEach { writer.identifier($0.name) }
    var labels = Set<String>()
    for source in core.sources {
      if source.subquery == nil && source.functionCall == nil { writer.name(source.relation) }
      if let alias = source.alias { writer.identifier(alias) }
      if !labels.insert(source.label).inserted {
        writer.report(Finding.sourceNamedTwice(source.label))
      }
      if source.isCommonTable && !scope.commonTables.contains(source.relation) {
        writer.report(Finding.commonTableNotDefined(source.relation.name))
      }
    }
    var inner = scope
    if let from = core.from {
      checkDerived(from, outer: scope, lateral: scope, in: &writer)
      inner.sources.append(from)
    }
    var local = core.from.map { [$0] } ?? []
    for join in core.joins {
      checkDerived(join.source, outer: scope, lateral: inner, in: &writer)
      inner.sources.append(join.source)
      if case .using(let columns) = join.condition { columns.forEach { writer.identifier($0) } }
      if case .on(let condition) = join.condition {
        checkExpression(
          condition, scope: inner, clause: "ON of \(join.kind.rawValue) \(join.source.label)",
          aggregates: .forbidden, windows: false, in: &writer)
      }
      switch join.kind {
      case .left: inner.nullExtended.insert(join.source)
      case .right: inner.nullExtended.formUnion(local)
      case .full: inner.nullExtended.formUnion(local + [join.source])
      case .inner, .cross: break
      }
      local.append(join.source)
    }
    if let condition = core.condition {
      checkExpression(
        condition, scope: inner, clause: "WHERE", aggregates: .forbidden, windows: false,
        in: &writer)
    }
    for node in core.grouping {
      checkExpression(
        node, scope: inner, clause: "GROUP BY", aggregates: .forbidden, windows: false,
        in: &writer)
    }
    if let having = core.having {
      checkExpression(
        having, scope: inner, clause: "HAVING", aggregates: .allowed, windows: false, in: &writer)
    }
    for item in core.items {
      checkExpression(
        item.node, scope: inner, clause: "output \"\(item.name)\"", aggregates: .allowed,
        windows: true, in: &writer)
    }
    for term in core.ordering {
      checkExpression(
        term.node, scope: inner, clause: "ORDER BY", aggregates: .allowed, windows: true,
        in: &writer)
    }
    checkGrouping(core, in: &writer)
  }

  /// A derived table reads the enclosing queries' sources, and with LATERAL the sources before
  /// it in the same FROM clause.
  private static func checkDerived(
    _ source: SourceReference, outer: Scope, lateral: Scope, in writer: inout SQLValidator
  ) {
    if let call = source.functionCall {
      checkExpression(
        call, scope: lateral, clause: "FROM \(source.label)", aggregates: .forbidden,
        windows: false, in: &writer)
    }
    guard let query = source.subquery else { return }
    writer.describing("\(writer.context), subquery \(source.label)") { w in
      check(query, scope: source.isLateral ? lateral : outer, in: &w)
    }
  }

  enum Aggregates { case allowed, forbidden, nested }

  /// The names and types a node itself renders (not its children's).
  static func checkNames(_ node: SQLNode, in writer: inout SQLValidator) {
    switch node {
    case .column(let column):
      writer.identifier(column.name)
      if let alias = column.source?.alias { writer.identifier(alias) }
    case .variable(let name), .parameter(let name, _): writer.identifier(name)
    case .routine(let function, _): writer.name(function)
    case .namedCall(let function, let arguments, _, _):
      writer.name(function)
      arguments.forEach { writer.identifier($0.name) }
    case .regclass(let relation), .toRegclass(let relation): writer.name(relation)
    case .cast(_, let type): writer.typeName(type)
    default: break
    }
  }

  private static func checkExpression(
    _ node: SQLNode, scope: Scope, clause: String, aggregates: Aggregates, windows: Bool,
    in writer: inout SQLValidator
  ) {
    checkNames(node, in: &writer)
    switch node {
    case .variable(let name), .parameter(let name, _):
      BindingRules.check(variable: name, sources: scope.sources, in: &writer)
      return
    case .column(let column):
      guard let source = column.source else { return }
      if source.isTriggerRecord {
        if !writer.inTriggerFunction {
          writer.report(
            Finding.triggerRecordOutsideTrigger(clause: clause, record: writer.text(node)))
        }
        return
      }
      let text = writer.text(node)
      if !scope.sources.contains(source) {
        writer.report(Finding.sourceNotInScope(clause: clause, column: text, source: source.label))
      } else if column.readAsNotNull && scope.nullExtended.contains(source) {
        writer.report(
          Finding.nullExtendedReadAsNotNull(clause: clause, column: text, source: source.label))
      }
      return
    case .exists(let core), .subquery(let core):
      checkCore(core, scope: scope, in: &writer)
      return
    case .existsQuery(let query):
      check(query, scope: scope, in: &writer)
      return
    case .inSubquery(let operand, let core):
      checkCore(core, scope: scope, in: &writer)
      checkExpression(
        operand, scope: scope, clause: clause, aggregates: aggregates, windows: windows,
        in: &writer)
      return
    case .namedCall(let function, let arguments, let required, let returns):
      FunctionRules.check(
        call: function, arguments: arguments, required: required, returns: returns, in: &writer)
    case .withinGroup(let name, let arguments, _):
      for finding in AggregateRules.check(withinGroup: name, arguments: arguments) {
        writer.report(finding)
      }
    case .window(let function, let window):
      if !windows {
        writer.report(Finding.windowNotAllowed(function: writer.text(node), clause: clause))
      }
      let parts = function.children + window.partition + window.ordering.map(\.node)
      for part in parts {
        checkExpression(
          part, scope: scope, clause: clause, aggregates: aggregates, windows: false, in: &writer)
      }
      return
    default:
      break
    }
    var childAggregates = aggregates
    if node.isAggregate {
      switch aggregates {
      case .forbidden:
        writer.report(Finding.aggregateNotAllowed(aggregate: writer.text(node), clause: clause))
      case .nested:
        writer.report(Finding.aggregateNested(writer.text(node)))
      case .allowed:
        childAggregates = .nested
      }
    }
    for child in node.children {
      checkExpression(
        child, scope: scope, clause: clause, aggregates: childAggregates,
        windows: windows && childAggregates != .nested, in: &writer)
    }
  }

  static func checkDuplicates(_ names: [String], in writer: inout SQLValidator) {
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      writer.report(Finding.outputColumnTwice(name))
    }
  }

  private static func checkGrouping(_ core: SelectCore, in writer: inout SQLValidator) {
    let checked =
      core.items.map { ("output \"\($0.name)\"", $0.node) }
      + (core.having.map { [("HAVING", $0)] } ?? [])
      + core.ordering.map { ("ORDER BY", $0.node) }
    let aggregated = checked.contains { containsAggregate($0.1) }
    if core.groupsByHashing {
      // This query's own expressions: a subquery's aggregates belong to its own grouping.
      func nodes(_ node: SQLNode) -> [SQLNode] { [node] + node.children.flatMap(nodes) }
      for node in checked.flatMap({ nodes($0.1) }) {
        switch node {
        case .countDistinct, .orderedAggregate, .withinGroup:
          writer.report(Finding.orderedAggregateInHashedGrouping(writer.text(node)))
        default: break
        }
      }
    }
    guard !core.grouping.isEmpty || aggregated else { return }
    let grouped = Set(core.grouping)
    let local = Set(core.sources)
    for (clause, node) in checked {
      for column in ungroupedColumns(node, grouped: grouped, local: local) {
        let text = writer.text(column)
        writer.report(Finding.ungroupedColumn(column: text, clause: clause))
      }
    }
  }

  private static func containsAggregate(_ node: SQLNode) -> Bool {
    node.isAggregate || node.children.contains(where: containsAggregate)
  }

  private static func ungroupedColumns(
    _ node: SQLNode, grouped: Set<SQLNode>, local: Set<SourceReference>
  ) -> [SQLNode] {
    if grouped.contains(node) || node.isAggregate { return [] }
    if case .column(let column) = node {
      // A column of an enclosing query is a constant here.
      return column.source.map(local.contains) ?? true ? [node] : []
    }
    return node.children.flatMap { ungroupedColumns($0, grouped: grouped, local: local) }
  }
}

extension QueryRules {
  /// Rules on an expression of a DDL statement (a column DEFAULT, a CHECK): no aggregate, no
  /// subquery, and columns only of the table itself where `allowColumns` (a CHECK).
  static func check(
    constant node: SQLNode, clause: String, allowColumns: Bool = false,
    in writer: inout SQLValidator
  ) {
    checkNames(node, in: &writer)
    switch node {
    case .column(let column):
      if !allowColumns || column.source?.alias != nil {
        writer.report(
          Finding.columnInConstant(
            clause: clause, column: column.name, tableColumnsAllowed: allowColumns))
      }
    case .exists:
      writer.report(Finding.subqueryNotAllowed(clause: clause))
    default:
      if node.isAggregate {
        writer.report(Finding.aggregateNotAllowed(aggregate: writer.text(node), clause: clause))
      }
      for child in node.children {
        check(constant: child, clause: clause, allowColumns: allowColumns, in: &writer)
      }
    }
  }
}

extension QueryRules {
  /// Rules on one row of VALUES: constants, parameters and subqueries only.
  static func check(values row: [SelectItem], in writer: inout SQLValidator) {
    var core = SelectCore()
    core.items = row
    checkCore(core, scope: Scope(), in: &writer)
  }

  /// Rules on ON CONFLICT DO UPDATE's assignments, which read the existing and proposed rows.
  static func check(
    assignments: [SelectItem], sources: [SourceReference], in writer: inout SQLValidator
  ) {
    var core = SelectCore()
    core.items = assignments
    checkCore(core, scope: Scope(sources: sources), in: &writer)
  }

  /// Rules on UPDATE and DELETE: the target and the FROM (or USING) sources are in scope for
  /// the assignments and the WHERE; no aggregates.
  static func check(
    dml core: SelectCore, target: SourceReference, values: [SelectItem],
    in writer: inout SQLValidator
  ) {
    var combined = core
    combined.items = values
    if let from = core.from {
      combined.joins.insert(Join(kind: .cross, source: from, condition: .none), at: 0)
    }
    combined.from = target
    checkCore(combined, scope: Scope(commonTables: writer.commonTablesInScope), in: &writer)
    for item in values where containsAggregate(item.node) {
      writer.report(Finding.aggregateInAssignment(column: item.name))
    }
  }
}

extension QueryRules {
  /// Checks an expression over one table's own columns (a policy), which may hold subqueries.
  static func check<Table: Relation>(
    expression node: SQLNode, clause: String, tableColumns _: Table.Type,
    in writer: inout SQLValidator
  ) {
    let scope = Scope(sources: [SourceReference(Table.self, alias: nil)])
    checkExpression(
      node, scope: scope, clause: clause, aggregates: .forbidden, windows: false, in: &writer)
  }
}
