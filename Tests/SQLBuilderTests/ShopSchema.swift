import SQLBuilder

// A small shop, declared once: the tables every construct test reads, created on the test
// database by the DSL's own CREATE statements.

struct Customers: Relation {
  static let qualifiedName = QualifiedName("shop", "customers")
  let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
  let name = Column<PG.Text, NotNull>("name")
  let region = Column<PG.Text, Nullable>("region")
  let discount = Column<PG.Numeric, Nullable>("discount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at", default: now())
  let profile = Column<PG.JSONB, Nullable>("profile")
  let tags = Column<PG.Array<PG.Text>, Nullable>("tags")
}

struct Purchases: Relation {
  static let qualifiedName = QualifiedName("shop", "purchases")
  let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let quantity = Column<PG.Integer, NotNull>("quantity")
  let unitPrice = Column<PG.Numeric, NotNull>("unit_price")
  let status = Column<PG.Text, NotNull>("status", default: "open")
  let placedAt = Column<PG.TimestampTZ, Nullable>("placed_at")
}

/// Names PostgreSQL only reads right when quoted.
struct AwkwardNames: Relation {
  static let qualifiedName = QualifiedName("Reporting", "order")
  let user = Column<PG.Text, NotNull>("user")
  let mixedCase = Column<PG.Integer, NotNull>("MixedCase")
  let spaced = Column<PG.Integer, NotNull>("unit price")
  let quoted = Column<PG.Text, NotNull>("say \"hi\"")
}

struct CustomerTotals: Relation {
  static let qualifiedName = QualifiedName("shop", "customer_totals")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let purchases = Column<PG.BigInt, NotNull>("purchases")
  let revenue = Column<PG.Numeric, Nullable>("revenue")
}

struct RecentPurchases: CommonTable {
  static let qualifiedName = QualifiedName("recent_purchases")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let quantity = Column<PG.Integer, NotNull>("quantity")
}

struct RegionNames: Relation {
  static let qualifiedName = QualifiedName("region_names")
  let region = Column<PG.Text, Nullable>("region")
}

enum ShopSchema {
  /// The tables, with keys and checks.
  static let statements: [any SQLStatement] = [
    CreateSchema("shop"),
    CreateSchema("Reporting"),
    CreateTable(Customers.self) { t in t.primaryKey(\.id) },
    CreateTable(Purchases.self) { t in
      t.primaryKey(\.id)
      t.foreignKey(\.customerID, references: \Customers.id, onDelete: .setNull)
      t.check("purchases_quantity_positive") { $0.quantity > 0 }
    },
    CreateTable(AwkwardNames.self),
  ]

  static let ada = "00000000-0000-0000-0000-00000000000a"
  static let bob = "00000000-0000-0000-0000-00000000000b"

  /// A few rows, so queries run on data and not only through the planner.
  static let rows: [any SQLStatement] = [
    Insert(into: Customers.self) { row in
      row.id(SQLExpression<PG.Text, NotNull>.text(ada).cast(to: PG.UUID.self))
      row.name("Ada")
      row.region("EU")
      row.profile(
        SQLExpression<PG.Text, NotNull>.text(#"{"tier": "gold"}"#).cast(to: PG.JSONB.self))
    }
    .values { row in
      row.id(SQLExpression<PG.Text, NotNull>.text(bob).cast(to: PG.UUID.self))
      row.name("Bob")
      row.region(.null)
      row.profile(.null)
    },
    Insert(
      into: Purchases.self,
      Select(PurchaseRows.self) { q, out in
        let c = q.from(Customers.self, as: "c")
        out.customerID(c.id)
        out.quantity(2)
        out.unitPrice(9.5)
        out.status("paid")
        out.placedAt(now() - interval(days: 1))
      }),
  ]
}

/// The columns the sample purchases set.
struct PurchaseRows: Relation {
  static let qualifiedName = QualifiedName("purchase_rows")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let quantity = Column<PG.Integer, NotNull>("quantity")
  let unitPrice = Column<PG.Numeric, NotNull>("unit_price")
  let status = Column<PG.Text, NotNull>("status")
  let placedAt = Column<PG.TimestampTZ, Nullable>("placed_at")
}
