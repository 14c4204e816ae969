package proof

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
)

// migrateChooser turns fuzz bytes into choices; past the end every choice
// is the first option.
type migrateChooser struct{ data []byte }

func (c *migrateChooser) next() byte {
	if len(c.data) == 0 {
		return 0
	}
	b := c.data[0]
	c.data = c.data[1:]
	return b
}

func migratePick[T any](c *migrateChooser, options ...T) T {
	return options[int(c.next())%len(options)]
}

// The pools the generated documents draw from: names valid on every
// cloud, on some, or on none; values in and out of every cloud's range;
// refs of each cloud, local and foreign.
var (
	migrateFunctions = []string{"orders", "shop/orders", "default/orders", "svc/notify", "notify", "Orders_2", "a/b/c", "1bad", "x-"}
	migrateQuals     = []string{"", "latest", "LATEST", "prod", "v1", "1", "12", "1a", "blue_green"}
	migrateAges      = []*int{nil, model.Int(0), model.Int(1), model.Int(60), model.Int(3600), model.Int(86400), model.Int(604800), model.Int(2592000), model.Int(2592001)}
	migrateRetries   = []*int{nil, model.Int(0), model.Int(1), model.Int(2), model.Int(3), model.Int(4), model.Int(8), model.Int(9)}
	migrateFlags     = []*bool{nil, model.Bool(false), model.Bool(true)}
	migrateNames     = []string{"notify", "svc/notify", "default/notify", "alerts", "dead-letters", "bus", "logs", "1x", "a.b"}
	migrateRefs      = []string{
		"urn:fss:cn-north-4:" + projectID + ":function:default:notify:latest",
		"urn:fss:cn-north-4:" + projectID + ":function:pkg:notify:!prod",
		"urn:fss:eu-west-0:" + projectID + ":function:default:notify",
		"urn:smn:cn-north-4:" + projectID + ":alerts",
		"acs:mns:cn-hangzhou:" + accountID + ":/queues/dead-letters/messages",
		"acs:mns:cn-beijing:" + accountID + ":/topics/alerts/messages",
		"acs:fc:cn-hangzhou:" + accountID + ":functions/notify",
		"acs:fc:cn-hangzhou:" + accountID + ":services/svc.LATEST/functions/notify",
		"acs:eventbridge:cn-hangzhou:" + accountID + ":eventbus/bus",
		"garbage",
	}
	migrateKinds = append([]model.DestinationKind{""}, model.AllKinds...)
)

// migrateProviders are the providers of every generated document.
func migrateProviders() map[string]*model.Provider {
	return map[string]*model.Provider{
		"hw":   {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: projectID},
		"hw2":  {Name: "hw2", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: projectID, Limits: &model.LimitsOverride{MaxRetryAttempts: &model.Range{Min: 0, Max: 2}}},
		"ali":  {Name: "ali", Type: model.TypeAliFC2, Region: "cn-hangzhou", AccountID: accountID},
		"ali3": {Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: accountID},
		"mem":  {Name: "mem", Type: model.TypeMemory},
		"aws":  {Name: "aws", Type: model.TypeAWSLambda, Region: "us-east-1", AccountID: "123456789012"},
	}
}

var migrateProviderNames = []string{"hw", "hw2", "ali", "ali3", "mem"}

// migrateDestination draws a destination: nil, of any kind, or of no kind
// with a name (which only a document built in code can hold). Kind ""
// gives nil from a byte below 0x80, so that the seeds written before
// destinations of no kind were drawn keep drawing what they did.
func migrateDestination(c *migrateChooser) *model.Destination {
	b := c.next()
	k := migrateKinds[int(b)%len(migrateKinds)]
	if k == "" && b < 0x80 {
		return nil
	}
	d := &model.Destination{Kind: k, Name: migratePick(c, migrateNames...)}
	switch k {
	case model.KindRef:
		d.Name = migratePick(c, migrateRefs...)
	case model.KindFunction:
		d.Qualifier = migratePick(c, migrateQuals...)
	case model.KindBucket:
		d.Prefix = migratePick(c, "", "async/")
		d.ExpireDays = migratePick(c, nil, model.Int(0), model.Int(7))
	}
	return d
}

// migrateDocument draws a document of one to six entries over the
// providers, and the options of a migration.
func migrateDocument(data []byte) (*model.Document, *mapping.MigrateOptions) {
	c := &migrateChooser{data: data}
	doc := &model.Document{Version: 1, Providers: migrateProviders()}
	for range 1 + int(c.next())%6 {
		e := &model.FunctionEntry{Provider: migratePick(c, migrateProviderNames...), Function: migratePick(c, migrateFunctions...), Qualifier: migratePick(c, migrateQuals...)}
		if c.next()%8 == 0 {
			e.Absent = true
		} else {
			e.MaxEventAgeSeconds, e.MaxRetryAttempts, e.StatusLog = migratePick(c, migrateAges...), migratePick(c, migrateRetries...), migratePick(c, migrateFlags...)
			e.OnSuccess, e.OnFailure = migrateDestination(c), migrateDestination(c)
		}
		doc.Functions = append(doc.Functions, e)
	}
	opts := &mapping.MigrateOptions{Clamp: c.next()%2 == 0}
	if c.next()%2 == 0 {
		return doc, opts
	}
	m := &mapping.MapFile{Version: 1, Service: migratePick(c, "", "shop", "default", "svc")}
	for range int(c.next()) % 3 {
		if m.Functions == nil {
			m.Functions = map[string]string{}
		}
		m.Functions[migratePick(c, migrateFunctions...)] = migratePick(c, migrateFunctions...)
	}
	for range int(c.next()) % 3 {
		if m.Qualifiers == nil {
			m.Qualifiers = map[string]string{}
		}
		m.Qualifiers[migratePick(c, migrateQuals[1:]...)] = migratePick(c, migrateQuals[1:]...)
	}
	for range int(c.next()) % 3 {
		if m.Destinations == nil {
			m.Destinations = map[string]model.DestinationDoc{}
		}
		from := migrateDestination(c)
		to := migrateDestination(c)
		if from == nil || to == nil {
			continue
		}
		m.Destinations[string(from.Kind)+":"+from.Name] = to.Doc()
	}
	opts.Map = m
	return doc, opts
}

// FuzzMigrate migrates generated small documents (every provider type,
// names and values in and out of each cloud's rules, refs local and
// foreign, map files and --clamp) onto each of their providers. Migrate
// never panics. On a valid document (the generated entries that
// validate), a migration without errors gives what `fnasync migrate`
// needs: a document that holds only the target provider and every entry,
// each on that provider with its absent flag kept, that validates without
// errors and encodes to YAML which parses back without errors.
func FuzzMigrate(f *testing.F) {
	for _, s := range []string{
		"", "\x00", "\x05\x00\x00\x00\x01\x01\x01\x01\x01\x02\x01\x05",
		"\x02\x02\x03\x03\x01\x04\x05\x02\x01\x01\x02\x08\x03\x04\x01\x01\x00",
		"\x03\x03\x01\x05\x01\x03\x02\x02\x02\x07\x01\x01\x02\x05\x02\x01\x01\x01\x01\x01\x01\x01\x04\x02",
		"\x01\x00\x00\x00\x00\x01\x01\x01\x05\x00\x01\x01\x01\x01\x01\x01\x01\x01\x02\x05\x02\x03\x05\x01",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, opts := migrateDocument(data)
		checkMigrate(t, doc, opts)
	})
}

// migrateTargets are the providers every generated document is migrated
// onto: every source, and AWS Lambda.
var migrateTargets = append(append([]string(nil), migrateProviderNames...), "aws")

// checkMigrate migrates doc onto every target: Migrate never panics, and
// on the valid part of doc a migration without errors gives a document
// of the target alone, with every entry, that validates and parses back.
func checkMigrate(t *testing.T, doc *model.Document, opts *mapping.MigrateOptions) {
	t.Helper()
	for _, to := range migrateTargets {
		mapping.Migrate(doc, to, opts) // must not panic, valid or not
	}
	if doc = migrateValidPart(doc); doc == nil {
		return
	}
	for _, to := range migrateTargets {
		out, diags := mapping.Migrate(doc, to, opts)
		if diags.HasErrors() {
			if out != nil {
				t.Fatalf("migrate to %s: errors %v and a document", to, diags)
			}
			continue
		}
		if out == nil || len(out.Providers) != 1 || out.Providers[to] == nil || len(out.Functions) != len(doc.Functions) {
			t.Fatalf("migrate to %s: %+v, want only provider %s and %d functions", to, out, to, len(doc.Functions))
		}
		for i, e := range out.Functions {
			if e.Provider != to || e.Absent != doc.Functions[i].Absent {
				t.Fatalf("migrate to %s: entry %d is %+v, from %+v", to, i, e, doc.Functions[i])
			}
		}
		if vd := document.Validate(out); vd.HasErrors() {
			t.Fatalf("migrate to %s (clamp %v, map %+v) of\n%s\ngave an invalid document:\n%s\n%v", to, opts.Clamp, opts.Map, migrateYAML(t, doc), migrateYAML(t, out), vd)
		}
		// Warnings may carry over from the source (a qualifier "latest"
		// between Function Compute providers is still the alias named
		// latest, and still warned about).
		if _, pd := document.Parse("migrated.yaml", migrateYAML(t, out), nil); pd.HasErrors() {
			t.Fatalf("migrate to %s: the encoded result does not parse back: %v\n%s", to, pd, migrateYAML(t, out))
		}
	}
}

// lambdaRefs are AWS ARNs, local to provider aws and foreign.
var lambdaRefs = []string{
	"arn:aws:lambda:us-east-1:123456789012:function:notify",
	"arn:aws:lambda:us-east-1:123456789012:function:notify:$LATEST",
	"arn:aws:sqs:us-east-1:123456789012:dead-letters",
	"arn:aws:sns:eu-west-1:123456789012:alerts",
	"arn:aws:events:us-east-1:123456789012:event-bus/bus",
	"arn:aws:s3:::logs",
	"arn:aws:dynamodb:us-east-1:123456789012:table/t",
}

// FuzzMigrateLambda is FuzzMigrate with the odd entries on AWS Lambda and
// their refs AWS ARNs, so that migration from Lambda is drawn as well as
// to it.
func FuzzMigrateLambda(f *testing.F) {
	for _, s := range []string{"", "\x05\x00\x00\x00\x01\x01\x01\x01\x01\x02\x01\x05", "\x03\x03\x01\x05\x01\x03\x02\x02\x02\x07\x01\x01\x02\x05\x02\x01"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, opts := migrateDocument(data)
		for i, e := range doc.Functions {
			if i%2 == 1 {
				continue
			}
			e.Provider = "aws"
			for _, d := range []*model.Destination{e.OnSuccess, e.OnFailure} {
				if d != nil && d.Kind == model.KindRef {
					d.Name = lambdaRefs[len(d.Name)%len(lambdaRefs)]
				}
			}
		}
		checkMigrate(t, doc, opts)
	})
}

// migrateValidPart returns doc without its entries that do not validate,
// or nil when what is left is empty or still does not validate.
func migrateValidPart(doc *model.Document) *model.Document {
	bad := map[string]bool{}
	for _, d := range document.Validate(doc) {
		if d.Severity == model.SeverityError {
			parts := strings.SplitN(d.Pointer, "/", 4)
			if len(parts) < 3 || parts[1] != "functions" {
				return nil
			}
			bad[parts[2]] = true
		}
	}
	out := &model.Document{Version: doc.Version, Providers: doc.Providers}
	for i, e := range doc.Functions {
		if !bad[strconv.Itoa(i)] {
			out.Functions = append(out.Functions, e)
		}
	}
	if len(out.Functions) == 0 || document.Validate(out).HasErrors() {
		return nil
	}
	return out
}

func migrateYAML(t *testing.T, doc *model.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := document.Encode(&b, doc, document.FormatYAML); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b.Bytes()
}
