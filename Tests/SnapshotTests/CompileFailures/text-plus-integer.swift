// expect: requires that 'PG.Text' conform to 'SQLNumber'
// Arithmetic on text.
import SQLBuilder

let query = shops { s, q, out in
  q.where((s.name + s.seats).isNull)
}
