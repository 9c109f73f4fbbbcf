// expect: requires that 'PG.Boolean' conform to 'SQLOrdered'
// MIN/MAX need an ordered type.
import SQLBuilder

let most = max(s.id == s.id)
