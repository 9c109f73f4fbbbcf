// expect: generic struct 'SQLExpression' requires the types 'PG.Interval' and 'PG.Integer' be equivalent
// A timestamp moves by an interval, not by a number.
import SQLBuilder

let query = shops { s, q, out in
  q.where(now() + 1 > now())
}
