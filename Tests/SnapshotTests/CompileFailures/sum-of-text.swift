// expect: requires that 'PG.Text' conform to 'SQLSummable'
// SUM of text.
import SQLBuilder

let query = shops { s, q, out in
  q.having(sum(s.name).isNull)
}
