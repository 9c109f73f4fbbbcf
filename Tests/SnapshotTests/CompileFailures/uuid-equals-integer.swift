// expect: cannot convert value of type 'Expression<PG.Integer, NotNull>' to expected argument type 'Expression<PG.UUID, NotNull>'
// Comparing a uuid to an integer.
import SQLBuilder

let match = s.id == s.seats
