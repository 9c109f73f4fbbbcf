// expect: referencing instance method 'like' on 'SQLExpression' requires the types 'PG.Integer' and 'PG.Text' be equivalent
// LIKE matches text.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.seats.like("1%"))
}
