// expect: global function 'avg' requires that 'PG.Text' conform to 'SQLAveragable'
// AVG of text.
import SQLBuilder

let query = shops { s, q, out in
  q.having(avg(s.name).isNull)
}
