// expect: cannot convert value of type 'SQLExpression<PG.Text, NotNull>' to expected argument type 'SQLExpression<PG.BigInt, NotNull>'
// A PL/pgSQL variable holds values of its type.
import SQLBuilder

let count = Variable<PG.BigInt>("v_count")
let query = shops { s, q, out in
  let assignment = Assign(count, s.name)
}
