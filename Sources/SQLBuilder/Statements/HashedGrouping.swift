extension SelectBuilder {
  /// `GROUP BY expressions…, '0'::xid`: grouped in a hash table, whatever PostgreSQL estimates.
  ///
  /// `xid` can be hashed but has no sort order, so a grouping that includes it cannot be
  /// computed by sorting; the constant adds no distinction between rows. Hash aggregation spills
  /// to disk beyond `work_mem * hash_mem_multiplier` (PostgreSQL 13 and later), so memory stays
  /// bounded even when the groups outgrow it. Aggregates that sort their input (`DISTINCT`,
  /// `ORDER BY`, `WITHIN GROUP`) cannot be hashed: generation fails on them.
  public func groupByHashing<each B: SQLType, each N: Nullability>(
    _ expressions: repeat SQLExpression<each B, each N>
  ) {
    groupBy(repeat each expressions)
    core.grouping.append(.hashOnlyKey)
  }
}

extension SQLNode {
  /// `'0'::xid`: a constant of a type PostgreSQL hashes but cannot sort.
  package static let hashOnlyKey = SQLNode.cast(.literal(.string("0")), typeName: "xid")
}
