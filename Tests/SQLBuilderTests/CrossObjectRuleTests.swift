import Testing

@testable import SQLBuilder

/// A table the scripts do not create, whose declaration lists its unique keys.
struct ExternalAccounts: Relation {
  static let qualifiedName = QualifiedName("shop", "external_accounts")
  static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.id], [\.email]] }
  let id = Column<PG.UUID, NotNull>("id")
  let email = Column<PG.Text, NotNull>("email")
  let name = Column<PG.Text, Nullable>("name")
}

/// The same table, declared without its keys.
struct UndeclaredAccounts: Relation {
  static let qualifiedName = QualifiedName("shop", "external_accounts")
  let id = Column<PG.UUID, NotNull>("id")
  let email = Column<PG.Text, NotNull>("email")
  let name = Column<PG.Text, Nullable>("name")
}

/// Rules across objects: one schema holds one relation of a name, and ON CONFLICT names a unique
/// key even of a table the scripts do not create.
@Suite struct CrossObjectRuleTests {
  func messages(@StatementBuilder _ statements: () -> [any SQLStatement]) -> [String] {
    validate([SQLScript("x.sql", header: [], statements)]).map(\.description)
  }

  @Test func twoRelationsOfOneNameInOneSchemaAreAGenerationError() {
    struct CustomersView: Relation {
      static let qualifiedName = QualifiedName("shop", "customers")
      let name = Column<PG.Text, NotNull>("name")
    }
    let found = validate([
      SQLScript("x.sql", header: []) {
        CreateTable(Customers.self) { t in t.primaryKey(\.id) }
        CreateView(CustomersView.self) {
          Select(CustomersView.self) { q, out in out.name(q.from(Customers.self, as: "c").name) }
        }
        index("customers", on: Purchases.self, \.customerID)
      }
    ])
    #expect(
      found.compactMap { $0.finding as? NamespaceRules.Finding } == [
        .init(name: Customers.qualifiedName, kinds: ["table", "view", "index on shop.purchases"])
      ])
    #expect(
      found.map(\.description) == [
        "relation shop.customers: 3 relations are named shop.customers (table, view, index on shop.purchases); a schema holds one relation of a name"
      ])
  }

  @Test func onConflictOnATableTheScriptsDoNotCreateChecksItsDeclaredKeys() {
    let upsertByEmail = Insert(into: ExternalAccounts.self) { row in
      row.id(genRandomUUID())
      row.email("ada@example.com")
    }
    #expect(messages { upsertByEmail.onConflictDoNothing(\.email) } == [])
    #expect(messages { upsertByEmail.onConflictDoNothing(\.id) } == [])
    #expect(
      messages { upsertByEmail.onConflictDoNothing(\.name) } == [
        "INSERT INTO shop.external_accounts: ON CONFLICT (name) matches no primary key, unique constraint or unique index of shop.external_accounts"
      ])
    let undeclared = Insert(into: UndeclaredAccounts.self) { row in
      row.id(genRandomUUID())
      row.email("ada@example.com")
    }
    #expect(
      messages { undeclared.onConflictDoNothing(\.email) } == [
        "INSERT INTO shop.external_accounts: ON CONFLICT (email) on shop.external_accounts, which the scripts do not create and whose declaration lists no unique key; declare them (static var uniqueKeys)"
      ])
    #expect(messages { undeclared.onConflictDoNothing() } == [])
  }
}
