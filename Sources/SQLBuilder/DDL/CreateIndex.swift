/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON relation (columns) [NULLS NOT DISTINCT] [WHERE …];`
public struct CreateIndex<Table: Relation>: SQLStatement {
  let name: String
  let columns: [String]
  let isUnique: Bool
  let nullsNotDistinct: Bool
  let predicate: SQLNode?

  init(
    _ name: String, columns: [PartialKeyPath<Table>], unique: Bool, nullsNotDistinct: Bool,
    predicate: SQLNode?
  ) {
    self.name = name
    self.columns = columns.map { Table.columnName($0) }
    self.isUnique = unique
    self.nullsNotDistinct = nullsNotDistinct
    self.predicate = predicate
  }

  /// Whether `REFRESH … CONCURRENTLY` can use the index: unique, on plain columns, no WHERE.
  public var supportsConcurrentRefresh: Bool { isUnique && predicate == nil && !columns.isEmpty }

  public func render(into writer: inout SQLWriter) {
    writer.describing("index \(name)") { w in
      if supportsConcurrentRefresh { w.catalogue.uniqueIndexes.insert(Table.qualifiedName) }
      let head = isUnique ? "CREATE UNIQUE INDEX" : "CREATE INDEX"
      let list = columns.map { w.identifier($0) }.joined(separator: ", ")
      var text = "\(head) \(w.identifier(name)) ON \(w.name(Table.qualifiedName)) (\(list))"
      if nullsNotDistinct { text += " NULLS NOT DISTINCT" }
      if let predicate { text += " WHERE \(w.expression(predicate))" }
      w.line(text + ";")
    }
  }
}

/// `CREATE UNIQUE INDEX name ON table (columns…)`; `nullsNotDistinct` makes NULL keys collide
/// (PostgreSQL 15), as a view key with a nullable column needs.
public func uniqueIndex<Table: Relation>(
  _ name: String, on table: Table.Type, _ columns: PartialKeyPath<Table>...,
  nullsNotDistinct: Bool = false
) -> CreateIndex<Table> {
  CreateIndex(
    name, columns: columns, unique: true, nullsNotDistinct: nullsNotDistinct, predicate: nil)
}

/// `CREATE INDEX name ON table (columns…)`.
public func index<Table: Relation>(
  _ name: String, on table: Table.Type, _ columns: PartialKeyPath<Table>...
) -> CreateIndex<Table> {
  CreateIndex(name, columns: columns, unique: false, nullsNotDistinct: false, predicate: nil)
}

/// `CREATE INDEX name ON table (columns…) WHERE predicate`; the closure receives the table:
/// `index("open_orders", on: Orders.self, \.placedAt) { $0.status == "open" }`.
public func index<Table: Relation>(
  _ name: String, on table: Table.Type, _ columns: PartialKeyPath<Table>...,
  where predicate: (Source<Table>) -> SQLExpression<PG.Boolean, some Nullability>
) -> CreateIndex<Table> {
  CreateIndex(
    name, columns: columns, unique: false, nullsNotDistinct: false,
    predicate: predicate(Source(alias: nil)).node)
}

/// `CREATE UNIQUE INDEX name ON table (columns…) WHERE predicate`: unique among some rows only.
public func partialUniqueIndex<Table: Relation>(
  _ name: String, on table: Table.Type, _ columns: PartialKeyPath<Table>...,
  where predicate: (Source<Table>) -> SQLExpression<PG.Boolean, some Nullability>
) -> CreateIndex<Table> {
  CreateIndex(
    name, columns: columns, unique: true, nullsNotDistinct: false,
    predicate: predicate(Source(alias: nil)).node)
}
