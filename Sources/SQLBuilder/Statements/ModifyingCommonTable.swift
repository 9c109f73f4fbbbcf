/// A data-modifying CTE, `name AS (DELETE … RETURNING …)`: the rows a DELETE, UPDATE or INSERT
/// touched, read by later CTEs and by the statement as `R`.
///
/// ```swift
/// with {
///   Delete(from: PendingPurchases.self, as: "p") { _, _ in }.returning(as: Taken.self)
/// } insert: {
///   Insert(into: Purchases.self, Select(PurchaseRows.self) { q, out in … q.from(Taken.self) … })
/// }
/// // WITH taken AS (
/// //   DELETE FROM shop.pending_purchases p
/// //   RETURNING customer_id, quantity, …
/// // )
/// // INSERT INTO shop.purchases (…) SELECT … FROM taken t …;
/// ```
/// Every CTE and the statement see the same snapshot, so rows taken from one table and
/// written to another are consistent however other sessions commit in between. PostgreSQL
/// allows such CTEs only in a top-level statement, which is why only ``with(_:insert:)`` takes
/// them. `R`'s columns must be columns of the modified table, of the same type, and NOT NULL
/// only where the table's are.
///
/// An `R` that declares no columns makes a CTE that returns nothing,
/// `emptied AS (DELETE FROM shop.pending_purchases p)`: a table emptied in the statement that
/// reads it, under the same snapshot.
public struct ModifyingCommonTable<R: CommonTable>: Sendable {
  package let definition: ModifyingCTE
}

/// The untyped form of a ``ModifyingCommonTable``.
package struct ModifyingCTE: Sendable {
  /// The CTE's name.
  package let output: QualifiedName
  /// The modified table and its columns.
  let table: QualifiedName
  let tableColumns: [OutputColumn]
  /// The CTE's declared columns: what RETURNING lists.
  let columns: [OutputColumn]
  /// The statement with its RETURNING list.
  let statement: ReturningRows

  /// The expressions the statement evaluates, for the function rules.
  var expressions: [SQLNode] { statement.expressions }
  /// Renders the statement, without its semicolon.
  func renderBody(_ writer: inout SQLWriter) { statement.render(&writer) }

  func validate(_ v: inout SQLValidator) {
    statement.validate(&v)
    for column in columns {
      guard let own = tableColumns.first(where: { $0.name == column.name }) else {
        v.report(
          StatementRules.Finding.modifyingColumnNotInTable(
            cte: output.name, column: column.name, table: table))
        continue
      }
      if own.typeInfo.name != column.typeInfo.name {
        v.report(
          StatementRules.Finding.modifyingColumnType(
            column: column.name, cteType: column.typeInfo.name, cte: output.name,
            tableType: own.typeInfo.name, table: table))
      } else if own.typeInfo.isNullable && !column.typeInfo.isNullable {
        v.report(
          StatementRules.Finding.modifyingColumnMayBeNull(
            column: column.name, cte: output.name, table: table))
      }
    }
  }
}

/// One entry of a WITH clause: a query, or a data-modifying statement.
public struct CommonTableEntry: Sendable {
  package enum Body: Sendable {
    case query(SelectStatement)
    case modifying(ModifyingCTE)
  }
  package let body: Body

  package static func query(_ query: SelectStatement) -> Self { Self(body: .query(query)) }
  package static func modifying(_ table: ModifyingCTE) -> Self { Self(body: .modifying(table)) }

  package var output: QualifiedName {
    switch body {
    case .query(let query): return query.output
    case .modifying(let table): return table.output
    }
  }
}

/// Collects the CTEs of a ``with(_:insert:)``, in order: queries and data-modifying statements,
/// one by one or as lists built elsewhere.
@resultBuilder
public enum ModifyingCommonTableBuilder {
  /// A query whose output relation names the CTE.
  public static func buildExpression<R: CommonTable>(_ query: Select<R>) -> [CommonTableEntry] {
    [.query(query.statement)]
  }
  /// A DELETE, UPDATE or INSERT whose RETURNING rows name the CTE.
  public static func buildExpression<R: CommonTable>(_ table: ModifyingCommonTable<R>)
    -> [CommonTableEntry]
  { [.modifying(table.definition)] }
  /// CTEs collected elsewhere, e.g. with ``commonTables(_:)``.
  public static func buildExpression(_ entries: [CommonTableEntry]) -> [CommonTableEntry] {
    entries
  }
  /// The CTEs, in order.
  public static func buildBlock(_ parts: [CommonTableEntry]...) -> [CommonTableEntry] {
    parts.flatMap { $0 }
  }
}

/// CTEs for a ``with(_:insert:)``, built once and used in several statements.
public func commonTables(@ModifyingCommonTableBuilder _ tables: () -> [CommonTableEntry])
  -> [CommonTableEntry]
{ tables() }

/// `WITH a AS (…), b AS (…) INSERT …`: an INSERT whose CTEs may modify other tables.
public func with<Table: Relation>(
  @ModifyingCommonTableBuilder _ tables: () -> [CommonTableEntry], insert: () -> Insert<Table>
) -> Insert<Table> {
  var statement = insert()
  statement.commonTables = tables()
  return statement
}

/// An INSERT, UPDATE or DELETE with its RETURNING list, its type erased: what a data-modifying
/// CTE and `RETURN QUERY` hold.
struct ReturningRows: Sendable {
  /// Renders the statement, without its semicolon.
  let render: @Sendable (inout SQLWriter) -> Void
  let validate: @Sendable (inout SQLValidator) -> Void
  /// The expressions the statement evaluates, for the function rules.
  let expressions: [SQLNode]
}

/// A DELETE, UPDATE or INSERT that can return the rows it touched.
protocol ReturningStatement: ValidatedStatement, PLInspectable, Sendable {
  associatedtype Table: Relation
  var returning: [String] { get set }
  func renderBody(into writer: inout SQLWriter)
}

extension ReturningStatement {
  /// This statement returning `columns` of its table, its type erased.
  func returningRows(_ columns: [String]) -> ReturningRows {
    var returningColumns = self
    returningColumns.returning = columns
    let statement = returningColumns
    return ReturningRows(
      render: { statement.renderBody(into: &$0) }, validate: { statement.validate(&$0) },
      expressions: statement.expressions)
  }

  /// This statement as a CTE returning the columns `R` declares.
  func commonTable<R: CommonTable>(_: R.Type) -> ModifyingCommonTable<R> {
    ModifyingCommonTable(
      definition: ModifyingCTE(
        output: R.qualifiedName, table: Table.qualifiedName,
        tableColumns: Table.columns.map(OutputColumn.init),
        columns: R.columns.map(OutputColumn.init),
        statement: returningRows(R.columns.map(\.name))))
  }
}

extension Delete: ReturningStatement {
  /// This DELETE as a CTE returning the deleted rows' columns that `R` declares.
  public func returning<R: CommonTable>(as _: R.Type) -> ModifyingCommonTable<R> {
    commonTable(R.self)
  }
}

extension Update: ReturningStatement {
  /// This UPDATE as a CTE returning the updated rows' new values of the columns `R` declares.
  public func returning<R: CommonTable>(as _: R.Type) -> ModifyingCommonTable<R> {
    commonTable(R.self)
  }
}

extension Insert: ReturningStatement {
  /// This INSERT as a CTE returning the inserted rows' columns that `R` declares.
  public func returning<R: CommonTable>(as _: R.Type) -> ModifyingCommonTable<R> {
    commonTable(R.self)
  }
}
