// expect: requires that 'Shops' conform to 'CommonTable'
// A WITH entry defines a CommonTable, whose name has no schema.
import SQLBuilder

let copy = Select(Shops.self) { q, out in
  let s = q.from(Shops.self, as: "s")
  out.id(s.id)
}
let query = with {
  copy
} select: {
  shops { s, q, out in out.id(s.id) }
}
