// expect: cannot convert value of type 'SQLExpression<PG.TimestampTZ, NotNull>' to expected argument type 'SQLExpression<PG.Date, NotNull>'
// A date and a timestamptz compare only through an explicit cast, which shows that the
// session's time zone decides the result.
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.openedOn < now())
}
