import SQLBuilder

struct Shops: Relation {
  static let qualifiedName = QualifiedName("public", "shops")
  let id = Column<PG.UUID, NotNull>("id")
  let name = Column<PG.Text, NotNull>("name")
  let seats = Column<PG.Integer, NotNull>("seats")
  let spend = Column<PG.Numeric, Nullable>("spend")
  let openedOn = Column<PG.Date, NotNull>("opened_on")
  let manager = Column<PG.UUID, Nullable>("manager")
}

struct ShopTotals: CommonTable {
  static let qualifiedName = QualifiedName("shop_totals")
  let id = Column<PG.UUID, NotNull>("id")
  let visits = Column<PG.BigInt, NotNull>("visits")
}

/// `SELECT … FROM public.shops s`, for snippets that only need one source.
func shops(_ body: (Source<Shops>, SelectBuilder, Projection<ShopTotals>) -> Void)
  -> Select<ShopTotals>
{
  Select(ShopTotals.self) { q, out in body(q.from(Shops.self, as: "s"), q, out) }
}
