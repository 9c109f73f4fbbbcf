// expect: cannot convert value of type 'PartialKeyPath<Shops>' to expected argument type 'PartialKeyPath<ShopTotals>'
// An index names columns of its own table.
import SQLBuilder

let shopID: PartialKeyPath<Shops> = \Shops.id
let key = uniqueIndex("shop_totals_key", on: ShopTotals.self, shopID)
