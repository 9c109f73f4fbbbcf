// expect: no exact matches in call to instance method 'cast'
// Nor from date to integer.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.openedOn.cast(to: PG.Integer.self) > 0)
}
