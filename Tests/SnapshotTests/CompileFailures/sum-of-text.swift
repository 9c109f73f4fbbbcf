// expect: requires that 'PG.Text' conform to 'SQLSummable'
// SUM of text.
import SQLBuilder

let total = sum(s.name)
