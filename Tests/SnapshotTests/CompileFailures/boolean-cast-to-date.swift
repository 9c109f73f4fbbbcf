// expect: cannot convert value of type 'PG.Date.Type' to expected argument type 'PG.Integer.Type'
// Nor from boolean to date.
import SQLBuilder

let query = shops { s, q, out in
  let opened: SQLExpression<PG.Date, NotNull> = (s.seats > 1).cast(to: PG.Date.self)
}
