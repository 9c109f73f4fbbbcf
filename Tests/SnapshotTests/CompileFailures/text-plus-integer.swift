// expect: cannot convert value of type 'SQLExpression<PG.Text, NotNull>' to expected argument type
// Arithmetic on text.
import SQLBuilder

let query = shops { s, q, out in
  q.where((s.name + s.seats).isNull)
}
