import SQLBuilder

/// A small shop schema for the construct catalogue.
struct Customers: Relation {
  static let qualifiedName = QualifiedName("shop", "customers")
  let id = Column<PG.UUID, NotNull>("id")
  let name = Column<PG.Text, NotNull>("name")
  let region = Column<PG.Text, Nullable>("region")
  let discount = Column<PG.Numeric, Nullable>("discount")
  let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
}

struct Purchases: Relation {
  static let qualifiedName = QualifiedName("shop", "purchases")
  let id = Column<PG.UUID, NotNull>("id")
  let customerID = Column<PG.UUID, Nullable>("customer_id")
  let quantity = Column<PG.Integer, NotNull>("quantity")
  let unitPrice = Column<PG.Numeric, NotNull>("unit_price")
  let status = Column<PG.Text, NotNull>("status")
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
