/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON relation (keys) [INCLUDE (…)]
/// [NULLS NOT DISTINCT] [WHERE …];`
///
/// ```swift
/// index("purchases_recent", on: Purchases.self, \.customerID, \.placedAt)
///   .descending(\.placedAt).including(\.status).ifNotExists()
/// // CREATE INDEX IF NOT EXISTS purchases_recent ON shop.purchases (customer_id, placed_at DESC)
/// //   INCLUDE (status);
/// ```
public struct CreateIndex<Table: Relation>: SQLStatement {
  let name: String
  let columns: [String]
  let isUnique: Bool
  let nullsNotDistinct: Bool
  let predicate: SQLNode?
  var descendingColumns: Set<String> = []
  var included: [String] = []
  var skipsExisting = false

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

  /// Sorts `columns` of the key in descending order (`col DESC`).
  public func descending(_ columns: PartialKeyPath<Table>...) -> Self {
    var copy = self
    copy.descendingColumns.formUnion(columns.map(Table.columnName))
    return copy
  }

  /// `INCLUDE (columns…)`: stored in the index so a lookup needs no table read, not part of
  /// the key.
  public func including(_ columns: PartialKeyPath<Table>...) -> Self {
    var copy = self
    copy.included += columns.map(Table.columnName)
    return copy
  }

  /// `IF NOT EXISTS`: applying the statement again is a no-op.
  public func ifNotExists() -> Self {
    var copy = self
    copy.skipsExisting = true
    return copy
  }

  public func render(into w: inout SQLWriter) {
    var head = isUnique ? "CREATE UNIQUE INDEX" : "CREATE INDEX"
    if skipsExisting { head += " IF NOT EXISTS" }
    let keys = columns.map {
      descendingColumns.contains($0) ? "\(w.identifier($0)) DESC" : w.identifier($0)
    }
    var text =
      "\(head) \(w.identifier(name)) ON \(w.name(Table.qualifiedName)) (\(keys.joined(separator: ", ")))"
    if !included.isEmpty {
      text += " INCLUDE (\(included.map { w.identifier($0) }.joined(separator: ", ")))"
    }
    if nullsNotDistinct { text += " NULLS NOT DISTINCT" }
    if let predicate { text += " WHERE \(w.expression(predicate))" }
    w.line(text + ";")
  }
}

extension CreateIndex: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("index \(name)") { v in
      v.catalogue.defineRelation(
        QualifiedName(Table.qualifiedName.schema, name), as: "index on \(Table.qualifiedName)")
      if supportsConcurrentRefresh {
        v.catalogue.uniqueIndexes.insert(Table.qualifiedName)
        if v.catalogue.uniqueKeys[Table.qualifiedName] != nil {
          v.catalogue.uniqueKeys[Table.qualifiedName]?.append(Set(columns))
        }
      }
      v.identifier(name)
      v.name(Table.qualifiedName)
      (columns + included).forEach { v.identifier($0) }
      if columns.isEmpty { v.report(StatementRules.Finding.indexWithoutColumn) }
      for column in descendingColumns.sorted() where !columns.contains(column) {
        v.report(StatementRules.Finding.descendingNotKey(column))
      }
      if let predicate {
        QueryRules.check(constant: predicate, clause: "WHERE", allowColumns: true, in: &v)
      }
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

/// `CREATE INDEX name ON table (columns…);` of a list of columns.
public func index<Table: Relation>(
  _ name: String, on table: Table.Type, _ columns: [PartialKeyPath<Table>]
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
