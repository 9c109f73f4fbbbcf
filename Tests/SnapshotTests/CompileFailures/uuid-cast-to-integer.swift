// expect: no exact matches in call to instance method 'cast'
// PostgreSQL has no cast from uuid to integer.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.id.cast(to: PG.Integer.self) > 0)
}
