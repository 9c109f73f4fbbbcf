// expect: cannot convert value of type 'KeyPath<Shops, Column<PG.Text, NotNull>>' to expected argument type 'KeyPath<Shops, Column<PG.UUID, NotNull>>'
// A foreign key joins columns of one type.
import SQLBuilder

let table = CreateTable(ShopTotals.self) { t in
  t.foreignKey(\.id, references: \Shops.name)
}
