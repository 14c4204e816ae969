package plan

import (
	"fmt"
	"io"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// TextOptions tune WriteText.
type TextOptions struct {
	// Color uses ANSI colours (only on a terminal, never with NO_COLOR).
	Color bool
}

type symbol struct {
	sym, legend, verb, color string
}

var symbols = map[Action]symbol{
	Create:  {"  +", "create", "will be created", "\x1b[32m"},
	Update:  {"  ~", "update in-place", "will be updated in-place", "\x1b[33m"},
	Replace: {"-/+", "destroy and then create replacement", "must be replaced (its cloud cannot remove a destination in place)", "\x1b[31m"},
	Delete:  {"  -", "destroy", "will be destroyed", "\x1b[31m"},
}

var actionOrder = []Action{Create, Update, Replace, Delete}

const reset = "\x1b[0m"

// WriteText renders p in Terraform's grammar: a legend of the symbols
// used, one block per change sorted by function, and a summary line, or
// "No changes." when there is nothing to do. opts may be nil.
func WriteText(w io.Writer, p *Plan, opts *TextOptions) error {
	var o TextOptions
	if opts != nil {
		o = *opts
	}
	paint := func(a Action, s string) string {
		if !o.Color {
			return s
		}
		return symbols[a].color + s + reset
	}
	var b strings.Builder
	if !p.HasChanges() {
		b.WriteString("No changes. The live async configuration matches the document.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("fnasync uses these symbols for the planned actions:\n")
	used := map[Action]bool{}
	for _, c := range p.Changes {
		used[c.Action] = true
	}
	for _, a := range actionOrder {
		if used[a] {
			fmt.Fprintf(&b, "%s %s\n", paint(a, symbols[a].sym), symbols[a].legend)
		}
	}
	b.WriteString("\nfnasync will perform the following actions:\n")
	for _, c := range p.Changes {
		if c.Action == NoOp {
			continue
		}
		s := symbols[c.Action]
		fmt.Fprintf(&b, "\n  # %s %s\n", c.Ref(), s.verb)
		fmt.Fprintf(&b, "%s async_config %q {\n", paint(c.Action, s.sym), c.Ref().String())
		writeFields(&b, c, paint)
		b.WriteString("    }\n")
	}
	add, change, destroy := p.Summary.Create+p.Summary.Replace, p.Summary.Update, p.Summary.Delete+p.Summary.Replace
	fmt.Fprintf(&b, "\nPlan: %d to add, %d to change, %d to destroy.\n", add, change, destroy)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFields(b *strings.Builder, c *Change, paint func(Action, string) string) {
	width := 0
	for _, f := range c.Fields {
		width = max(width, len(f.Path))
	}
	for _, f := range c.Fields {
		var a Action
		var val string
		switch {
		case f.Before == nil:
			a, val = Create, formatValue(f.After)
		case f.After == nil && c.Action == Delete:
			a, val = Delete, formatValue(f.Before)
		case f.After == nil:
			a, val = Delete, formatValue(f.Before)+" -> null"
		default:
			a, val = Update, formatValue(f.Before)+" -> "+formatValue(f.After)
		}
		fmt.Fprintf(b, "      %s %-*s = %s\n", paint(a, strings.TrimSpace(symbols[a].sym)), width, f.Path, val)
	}
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case *model.Destination:
		return x.String()
	}
	return fmt.Sprint(v)
}

// WriteApplyText renders the results of an applied plan: one line per
// change that was not a no-op, then a summary.
func WriteApplyText(w io.Writer, p *Plan) error {
	var b strings.Builder
	var added, changed, destroyed, failed, skipped, lasting int
	for _, c := range p.Changes {
		switch c.Result {
		case Applied:
			fmt.Fprintf(&b, "%s: %s\n", c.Ref(), pastTense[c.Action])
			switch c.Action {
			case Create:
				added++
			case Update:
				changed++
			case Replace:
				added++
				destroyed++
			case Delete:
				destroyed++
			}
		case Failed:
			failed++
			if c.lasting {
				lasting++
			}
			fmt.Fprintf(&b, "%s: %s failed: %s\n", c.Ref(), c.Action, c.Error)
		case Skipped:
			skipped++
			fmt.Fprintf(&b, "%s: %s not applied (%s)\n", c.Ref(), c.Action, c.Error)
		}
	}
	if failed+skipped == 0 {
		fmt.Fprintf(&b, "\nApply complete! Configs: %d added, %d changed, %d destroyed.\n", added, changed, destroyed)
	} else {
		advice := "Run apply again to converge."
		if lasting > 0 {
			advice = "Running apply again will not cure the errors above; fix what they say first."
		}
		fmt.Fprintf(&b, "\nApply incomplete: %d added, %d changed, %d destroyed; %d failed, %d not attempted. %s\n",
			added, changed, destroyed, failed, skipped, advice)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var pastTense = map[Action]string{Create: "created", Update: "updated", Replace: "replaced", Delete: "destroyed"}
