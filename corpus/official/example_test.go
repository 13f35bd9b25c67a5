package official_test

import (
	"fmt"

	"github.com/recruitsearch/recruitsearch/corpus/official"
)

func ExampleLookup() {
	kent, err := official.Lookup("Kent")
	if err != nil {
		fmt.Println(err)
		return
	}
	l := kent.Ofsted.Latest
	fmt.Printf("%s (%s, DfE %s): %s, inspected %s\n", kent.Name, kent.Codes.ONS, kent.Codes.DfE, l.Overall, l.Inspected)
	fmt.Println(kent.Attribution)
	// Output:
	// Kent County Council (E10000016, DfE 886): Outstanding, inspected 2022-05-09
	// Contains public sector information licensed under the Open Government Licence v3.0.
}

func ExampleLookup_unknown() {
	_, err := official.Lookup("Walsal")
	fmt.Println(err)
	// Output:
	// no council matches "Walsal"; closest: Walsall Council
}

func ExampleLookup_abolished() {
	cumbria, _ := official.Lookup("Cumbria")
	fmt.Println(cumbria.Name, "abolished", cumbria.Abolished)
	for _, s := range cumbria.Successors {
		fmt.Println("succeeded by", s.Name)
	}
	// Output:
	// Cumbria County Council abolished 2023-04-01
	// succeeded by Cumberland Council
	// succeeded by Westmorland and Furness Council
}

func ExampleYear() {
	medway, _ := official.Lookup("Medway")
	w := official.Year(medway.Workforce, 2018)
	england := official.Year(medway.EnglandWorkforce, 2018)
	fmt.Printf("Medway at %s: %.1f cases per case-holding FTE (England %.1f)\n", w.AsAt, *w.Caseload, *england.Caseload)
	// Output:
	// Medway at 2018-09-30: 18.9 cases per case-holding FTE (England 17.4)
}

func ExampleWorkforce_Value() {
	kc, _ := official.Lookup("Kensington and Chelsea")
	v, code := official.Latest(kc.Workforce).Value("caseload")
	fmt.Println(v == nil, code, official.SuppressionReason(code))
	richmond, _ := official.Lookup("Richmond upon Thames")
	fmt.Println("shared with", official.Latest(richmond.Workforce).SharedWith[0].Name)
	// Output:
	// true x not available
	// shared with Royal Borough of Kingston upon Thames
}
