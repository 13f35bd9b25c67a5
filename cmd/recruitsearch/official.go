package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/recruitsearch/recruitsearch/corpus/official"
	"github.com/recruitsearch/recruitsearch/index"
)

const envOfficial = "RECRUITSEARCH_OFFICIAL"

// officialFlag is the --official flag of the commands that show official
// figures: a directory of newer DfE and Ofsted files of the shipped
// formats (DfE publishes each February, Ofsted each autumn).
type officialFlag struct {
	dir string
}

const officialFlagUsage = "directory of newer DfE/Ofsted files in the shipped formats, used instead of the figures in the binary (env " + envOfficial + ")"

func (f *officialFlag) register(flags *pflag.FlagSet) {
	flags.StringVar(&f.dir, "official", "", officialFlagUsage)
}

// load is the release the flag (or RECRUITSEARCH_OFFICIAL) names, or the
// one shipped in the binary. A file whose format has changed is an error
// naming the file and column.
func (f *officialFlag) load(a *app) (*official.Dataset, error) {
	dir := f.dir
	if dir == "" {
		dir = a.getenv(envOfficial)
	}
	if dir == "" {
		return official.Shipped(), nil
	}
	return official.Load(dir)
}

// openWithOfficial loads the official figures of --official (or the
// shipped ones) and opens the index of --index read-only with them; the
// caller closes the index.
func (a *app) openWithOfficial(ctx context.Context, ix indexFlag, of *officialFlag) (*index.Index, *official.Dataset, error) {
	d, err := of.load(a)
	if err != nil {
		return nil, nil, err
	}
	idx, err := a.openForReading(ctx, ix.resolve(a), d)
	if err != nil {
		return nil, nil, err
	}
	return idx, d, nil
}

// printAttribution writes the line the licence of the official figures
// asks for, under output that shows them, wrapped as a profile is.
func (a *app) printAttribution(st style, d *official.Dataset) {
	fmt.Fprint(a.stdout, st.dim(wrapIndent("", d.Attribution(), layoutWidth(a.outputWidth()))))
}
