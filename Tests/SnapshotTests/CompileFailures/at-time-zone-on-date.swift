// expect: requires that 'PG.Date' conform to 'SQLTimestamp'
// AT TIME ZONE applies to timestamps, not dates.
import SQLBuilder

let local = s.openedOn.atTimeZone("UTC")
