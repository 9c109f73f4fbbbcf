/// The select list of a ``Select``: a setter per output column, `out.totalCalls(count())`.
///
/// Columns may be set in any order; they render in the order `Output` declares them.
/// Generation fails when a column is not set, or set twice.
@dynamicMemberLookup
public final class Projection<Output: Relation> {
  private var items: [String: SelectItem] = [:]
  private var repeated: [String] = []
  private var passThrough: [(source: SourceReference, columns: [any AnyColumn], nullable: Bool)] =
    []
  package private(set) var isDistinct = false
  /// What a shape's projection set wrong (``columns(setBy:)``); a column it left unset is
  /// reported as this one's.
  private var carriedProblems: [StatementRules.Finding] = []

  package init() {}

  /// The setter for one output column.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<Output, Column<B, N>>)
    -> ColumnSetter<Output, B, N>
  { ColumnSetter(projection: self, column: Output()[keyPath: keyPath]) }

  /// Every output column not set otherwise, from the column of the same name in `source`:
  /// `out.columns(of: t)` renders `t.account_id, t.location_id, …`, a typed `SELECT t.*` when
  /// `t` reads the output relation itself. Generation fails when a column of that name has
  /// another type, or is nullable where the output column is not.
  public func columns<R: Relation>(of source: Source<R>) {
    passThrough.append((source.reference, R.columns, false))
  }

  /// Every output column not set otherwise, from the outer-joined `source`, whose columns are
  /// nullable.
  public func columns<R: Relation>(of source: OptionalSource<R>) {
    passThrough.append((source.reference, R.columns, true))
  }

  /// `SELECT DISTINCT`: duplicate rows are returned once.
  public func distinct() { isDistinct = true }

  package func set(_ node: SQLNode, for column: some AnyColumn) {
    if items[column.name] != nil { repeated.append(column.name) }
    items[column.name] = SelectItem(node: node, name: column.name, typeInfo: column.typeInfo)
  }

  /// The expression set for the column `name`, or passed through to it, if any.
  package func expression(forColumn name: String) -> SQLNode? {
    if let item = items[name] { return item.node }
    guard let column = Output.columns.first(where: { $0.name == name }) else { return nil }
    return passedThrough(column)?.0.node
  }

  /// The columns set, in declaration order, and the names set more than once.
  func assignedItems() -> ([SelectItem], [String]) {
    (Output.columns.compactMap { items[$0.name] }, repeated)
  }

  func itemsInDeclarationOrder() -> ([SelectItem], [StatementRules.Finding]) {
    var problems = repeated.map(StatementRules.Finding.outputColumnSetTwice) + carriedProblems
    var ordered: [SelectItem] = []
    for column in Output.columns {
      if let item = items[column.name] {
        ordered.append(item)
      } else if let (item, problem) = passedThrough(column) {
        ordered.append(item)
        if let problem { problems.append(problem) }
      } else {
        problems.append(.outputColumnNotSet(column.name))
      }
    }
    return (ordered, problems)
  }

  /// The column of the same name from the first pass-through source that has one.
  private func passedThrough(_ column: any AnyColumn) -> (SelectItem, StatementRules.Finding?)? {
    for (source, columns, nullable) in passThrough {
      guard let match = columns.first(where: { $0.name == column.name }) else { continue }
      let isNullable = nullable || match.typeInfo.isNullable
      let reference = ColumnReference(
        source: source, name: match.name, readAsNotNull: !isNullable)
      let item = SelectItem(node: .column(reference), name: column.name, typeInfo: column.typeInfo)
      var problem: StatementRules.Finding?
      if match.typeInfo.name != column.typeInfo.name {
        problem = .passedThroughOfOtherType(
          column: column.name, type: column.typeInfo.name, source: "\(source.label).\(match.name)",
          sourceType: match.typeInfo.name)
      } else if isNullable && !column.typeInfo.isNullable {
        problem = .passedThroughMayBeNull(
          column: column.name, source: "\(source.label).\(match.name)")
      }
      return (item, problem)
    }
    return nil
  }
}

/// Sets one output column to an expression of exactly the column's type.
public struct ColumnSetter<Output: Relation, B: SQLType, N: Nullability> {
  let projection: Projection<Output>
  let column: Column<B, N>

  /// `expression AS column`.
  public func callAsFunction(_ expression: SQLExpression<B, N>) {
    projection.set(expression.node, for: column)
  }
}

extension ColumnSetter where N == Nullable {
  /// A non-NULL expression fills a nullable column as well.
  public func callAsFunction(_ expression: SQLExpression<B, NotNull>) {
    projection.set(expression.node, for: column)
  }

  /// `NULL::type AS column`.
  public func callAsFunction(_: SQLNull) {
    projection.set(SQLNull.node(B.self), for: column)
  }
}

/// The NULL constant, where a nullable value is filled: `out.orderAmount(.null)`.
///
/// It is not an expression, so `x == .null` (always NULL in SQL) does not compile; use
/// `x.isNull` or `x.isDistinct(from:)`.
public enum SQLNull: Sendable {
  /// `NULL`, rendered with its type: `NULL::double precision`.
  case null

  static func node<B: SQLType>(_: B.Type) -> SQLNode {
    .cast(.literal(.null), typeName: B.sqlName)
  }
}

extension Projection where Output: ShapedRelation {
  /// Every column of `Output.Shape` as `shape` sets it or passes it through, set here: the
  /// definition of the shape's columns, reused for rows that have them among their own. A column
  /// set here as well is reported as set twice, and what `shape` gets wrong is reported here;
  /// `SELECT DISTINCT` carries over.
  package func columns(setBy shape: Projection<Output.Shape>) {
    let (shapeItems, problems) = shape.itemsInDeclarationOrder()
    for item in shapeItems {
      if items[item.name] != nil { repeated.append(item.name) }
      items[item.name] = item
    }
    carriedProblems += problems.filter {
      if case .outputColumnNotSet = $0 { return false }
      return true
    }
    if shape.isDistinct { isDistinct = true }
  }
}
