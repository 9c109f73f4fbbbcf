// expect: requires that 'PG.Date' conform to 'SQLTimestamp'
// AT TIME ZONE applies to timestamps, not dates.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.openedOn.atTimeZone("UTC").isNull)
}
