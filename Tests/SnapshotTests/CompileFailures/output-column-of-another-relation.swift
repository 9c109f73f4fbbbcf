// expect: has no dynamic member 'name' using key path from root type 'ShopTotals'
// The select list sets the output relation's columns only.
import SQLBuilder

let query = shops { s, q, out in
  out.name(s.name)
}
