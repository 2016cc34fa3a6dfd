#include "tests/TestSupport.h"

#include "core/base/Parameters.h"

using namespace atomlens;

namespace {
struct ExampleParams {
    double spacing = 0;
    int iterations = 10;
    bool refine = true;
    std::string method = "classical";
    static const std::vector<ParamField<ExampleParams>>& fields() {
        static const std::vector<ParamField<ExampleParams>> f = {
            numberField<ExampleParams>("spacing", "Lattice spacing", "px", 0, 500, &ExampleParams::spacing),
            integerField<ExampleParams>("iterations", "Iterations", 1, 100, &ExampleParams::iterations),
            flagField<ExampleParams>("refine", "Gaussian refinement", &ExampleParams::refine),
            choiceField<ExampleParams>("method", "Method", {"classical", "fcn"}, &ExampleParams::method),
        };
        return f;
    }
};
} // namespace

TEST_CASE("Parameter fields round-trip a Params struct through text", "[chain][params]") {
    ExampleParams p;
    p.spacing = 12.5, p.iterations = 3, p.refine = false, p.method = "fcn";
    const ParamValues v = toParamValues(p, ExampleParams::fields());
    CHECK(v.text("spacing") == "12.5");
    CHECK(v.text("refine") == "false");
    const ExampleParams q = fromParamValues(v, ExampleParams::fields());
    CHECK(q.spacing == 12.5);
    CHECK(q.iterations == 3);
    CHECK_FALSE(q.refine);
    CHECK(q.method == "fcn");
    CHECK(paramSpecs(ExampleParams::fields()).at(0).unit == "px");
}

TEST_CASE("Parameter values are checked for type, range, choice and unknown keys", "[chain][params]") {
    auto expectInvalid = [](const std::string& key, const std::string& value, const std::string& fragment) {
        ParamValues v;
        v.set(key, value);
        try {
            fromParamValues(v, ExampleParams::fields());
            FAIL("accepted " << key << "=" << value);
        } catch (const std::invalid_argument& e) {
            CHECK(std::string(e.what()).find(fragment) != std::string::npos);
        }
    };
    expectInvalid("spacing", "abc", "expects a number");
    expectInvalid("spacing", "-1", "outside");
    expectInvalid("iterations", "2.5", "whole number");
    expectInvalid("refine", "maybe", "true or false");
    expectInvalid("method", "magic", "one of classical, fcn");
    expectInvalid("nonsense", "1", "unknown parameter");
    ParamValues partial;
    partial.set("iterations", "7");
    const ExampleParams q = fromParamValues(partial, ExampleParams::fields());
    CHECK(q.iterations == 7);
    CHECK(q.method == "classical"); // untouched default
}
