#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace atomlens {

/// What one parameter of an analysis step is: its stable key (YAML, CLI), a label and unit for
/// generated editor forms, its range and default. Steps describe their Params structs with these.
struct ParamSpec {
    enum class Type { Number, Integer, Boolean, Choice, Text };
    std::string key;
    std::string label;
    std::string unit;
    std::string help;
    Type type = Type::Number;
    double minValue = -1e300, maxValue = 1e300;
    std::vector<std::string> choices; ///< for Choice
    std::string defaultValue{};       ///< the engine's default as text (paramSpecs fills it; "" = none)
};

/// Parameter values as text by key (what YAML and forms exchange). Conversions check the type and
/// range against the spec and throw std::invalid_argument naming the key.
class ParamValues {
public:
    bool has(const std::string& key) const { return m_values.count(key) != 0; }
    void set(const std::string& key, const std::string& value) { m_values[key] = value; }
    const std::map<std::string, std::string>& all() const { return m_values; }
    std::string text(const std::string& key) const;

private:
    std::map<std::string, std::string> m_values;
};

/// Binds one ParamSpec to a member of a Params struct P (exactly one pointer is set).
template <class P> struct ParamField {
    ParamSpec spec;
    double P::*number = nullptr;
    int P::*integer = nullptr;
    bool P::*flag = nullptr;
    std::string P::*text = nullptr;
};

template <class P>
ParamField<P> numberField(std::string key, std::string label, std::string unit, double lo, double hi,
                          double P::*m, std::string help = {}) {
    ParamField<P> f;
    f.spec = {std::move(key),
              std::move(label),
              std::move(unit),
              std::move(help),
              ParamSpec::Type::Number,
              lo,
              hi,
              {}};
    f.number = m;
    return f;
}
template <class P>
ParamField<P> integerField(std::string key, std::string label, int lo, int hi, int P::*m,
                           std::string help = {}) {
    ParamField<P> f;
    f.spec = {std::move(key),           std::move(label), "",         std::move(help),
              ParamSpec::Type::Integer, double(lo),       double(hi), {}};
    f.integer = m;
    return f;
}
template <class P>
ParamField<P> flagField(std::string key, std::string label, bool P::*m, std::string help = {}) {
    ParamField<P> f;
    f.spec = {std::move(key), std::move(label), "", std::move(help), ParamSpec::Type::Boolean, 0, 1, {}};
    f.flag = m;
    return f;
}
template <class P>
ParamField<P> choiceField(std::string key, std::string label, std::vector<std::string> choices,
                          std::string P::*m, std::string help = {}) {
    ParamField<P> f;
    f.spec = {std::move(key),    std::move(label), "", std::move(help), ParamSpec::Type::Choice, 0, 0,
              std::move(choices)};
    f.text = m;
    return f;
}
template <class P>
ParamField<P> textField(std::string key, std::string label, std::string P::*m, std::string help = {}) {
    ParamField<P> f;
    f.spec = {std::move(key), std::move(label), "", std::move(help), ParamSpec::Type::Text, 0, 0, {}};
    f.text = m;
    return f;
}

/// Checks a textual value against a spec and converts it (numbers, integers, booleans, choices).
double parseNumberParam(const ParamSpec& spec, const std::string& value);
bool parseBooleanParam(const ParamSpec& spec, const std::string& value);
void checkChoiceParam(const ParamSpec& spec, const std::string& value);
std::string formatParam(double value);

/// Writes a Params struct's values as text.
template <class P> ParamValues toParamValues(const P& params, const std::vector<ParamField<P>>& fields) {
    ParamValues v;
    for (const auto& f : fields) {
        if (f.number)
            v.set(f.spec.key, formatParam(params.*f.number));
        else if (f.integer)
            v.set(f.spec.key, std::to_string(params.*f.integer));
        else if (f.flag)
            v.set(f.spec.key, params.*f.flag ? "true" : "false");
        else if (f.text)
            v.set(f.spec.key, params.*f.text);
    }
    return v;
}

/// The specs of a Params struct's fields (for forms and documentation), with P{}'s values as defaults.
template <class P> std::vector<ParamSpec> paramSpecs(const std::vector<ParamField<P>>& fields) {
    const ParamValues defaults = toParamValues(P{}, fields);
    std::vector<ParamSpec> out;
    for (const auto& f : fields) {
        out.push_back(f.spec);
        if (defaults.has(f.spec.key)) out.back().defaultValue = defaults.text(f.spec.key);
    }
    return out;
}

/// Reads values into a Params struct (keys not given keep their defaults). Unknown keys and values
/// out of range or of the wrong type throw std::invalid_argument naming the key.
template <class P>
P fromParamValues(const ParamValues& values, const std::vector<ParamField<P>>& fields, P params = P{}) {
    for (const auto& [key, value] : values.all()) {
        const ParamField<P>* field = nullptr;
        for (const auto& f : fields)
            if (f.spec.key == key) field = &f;
        if (!field) throw std::invalid_argument("unknown parameter '" + key + "'");
        if (field->number)
            params.*field->number = parseNumberParam(field->spec, value);
        else if (field->integer)
            params.*field->integer = int(parseNumberParam(field->spec, value));
        else if (field->flag)
            params.*field->flag = parseBooleanParam(field->spec, value);
        else if (field->text) {
            if (field->spec.type == ParamSpec::Type::Choice) checkChoiceParam(field->spec, value);
            params.*field->text = value;
        }
    }
    return params;
}

} // namespace atomlens
