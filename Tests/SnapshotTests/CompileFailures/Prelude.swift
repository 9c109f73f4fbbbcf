import SQLBuilder

struct Shops: Relation {
  static let qualifiedName = QualifiedName("public", "shops")
  let id = Column<PG.UUID, NotNull>("id")
  let name = Column<PG.Text, NotNull>("name")
  let seats = Column<PG.Integer, NotNull>("seats")
  let spend = Column<PG.Numeric, Nullable>("spend")
  let openedOn = Column<PG.Date, NotNull>("opened_on")
}

struct ShopTotals: Relation {
  static let qualifiedName = QualifiedName("shop_totals")
  let id = Column<PG.UUID, NotNull>("id")
  let visits = Column<PG.BigInt, NotNull>("visits")
}

let s = Shops.alias("s")
let t = ShopTotals.alias("t")
