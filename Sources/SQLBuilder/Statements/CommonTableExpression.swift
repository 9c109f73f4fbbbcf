/// `WITH a AS (…), b AS (…) SELECT …`: queries named for the rest of the statement.
///
/// Each CTE is a ``Select`` whose output is a ``CommonTable``; later CTEs and the final query
/// read it with `q.from(DailyFacts.self, as: "f")`. Reading a CTE that no WITH defines before
/// the reader fails generation.
public func with<Output: Relation>(
  @CommonTableBuilder _ tables: () -> [CommonTableDefinition], select: () -> Select<Output>
) -> Select<Output> {
  var query = select()
  query.statement.commonTables = tables().map(\.statement)
  return query
}

/// One entry of a WITH clause.
public struct CommonTableDefinition: Sendable {
  package let statement: SelectStatement
}

/// Collects the CTEs of a ``with(_:select:)``, in order.
@resultBuilder
public enum CommonTableBuilder {
  /// A query whose output relation names the CTE.
  public static func buildExpression<R: CommonTable>(_ query: Select<R>) -> CommonTableDefinition {
    CommonTableDefinition(statement: query.statement)
  }
  /// The CTEs, in order.
  public static func buildBlock(_ tables: CommonTableDefinition...) -> [CommonTableDefinition] {
    tables
  }
}
