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
    groupByHashing(on: hashOnlyKey, repeat each expressions)
  }

  /// `GROUP BY expressions…, key`: as ``groupByHashing(_:)``, with the hash-only key a column
  /// the rows carry (``hashOnlyKey`` in each branch of a UNION ALL below), which PostgreSQL
  /// reads as it is instead of adding the constant to every row in a step of its own.
  public func groupByHashing<each B: SQLType, each N: Nullability>(
    on key: SQLExpression<PG.Xid, NotNull>, _ expressions: repeat SQLExpression<each B, each N>
  ) {
    groupBy(repeat each expressions)
    core.grouping.append(key.node)
    core.groupsByHashing = true
  }
}

/// `'0'::xid`: a constant of a type PostgreSQL hashes but cannot sort, the key that makes a
/// grouping hashed (``SelectBuilder/groupByHashing(on:_:)``).
public let hashOnlyKey = SQLExpression<PG.Xid, NotNull>(
  unchecked: .cast(.literal(.string("0")), typeName: PG.Xid.sqlName))
