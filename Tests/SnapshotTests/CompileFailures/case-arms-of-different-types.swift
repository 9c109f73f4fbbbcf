// expect: cannot convert value of type 'When<PG.Integer, NotNull>' to expected argument type 'When<PG.Text, NotNull>'
// Every arm of a CASE has the type of its ELSE.
import SQLBuilder

let query = shops { s, q, out in
  q.where(Case(else: s.name) { When(s.seats > 1, then: s.seats) } == "x")
}
