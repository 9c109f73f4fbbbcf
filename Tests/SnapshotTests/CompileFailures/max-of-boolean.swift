// expect: requires that 'PG.Boolean' conform to 'SQLOrdered'
// MIN/MAX need an ordered type.
import SQLBuilder

let query = shops { s, q, out in
  q.having(max(s.id == s.id).isNull)
}
