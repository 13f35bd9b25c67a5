package main

import (
	"github.com/spf13/pflag"

	"github.com/recruitsearch/recruitsearch/corpus/official"
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
