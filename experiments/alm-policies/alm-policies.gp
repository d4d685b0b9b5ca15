# ALM policies against an ETH shock. Run from this folder, after  python3 summarise.py > table.md :
#   gnuplot alm-policies.gp
# The study (results/, summarised in summary.csv): 100 paired replicates per point, 95% intervals
# (Wilson for P(run), t for the means). Policies: M = margins, C = controller, F = predictive treasury.
set terminal pngcairo size 1300,460 font "sans,10"
set output "alm-policies.png"
set datafile separator ","
set multiplot layout 1,3 title "ALM policies on the reference model with a reactive treasury (alm-policies.yaml, 600 hourly ticks)"
set grid
set xtics ("none" 0, "M" 1, "C" 2, "F" 3, "M+C" 4, "M+F" 5, "C+F" 6, "M+C+F" 7)
set xrange [-0.5:7.5]
unset xlabel   # the policy letters are explained in the README and the key below
set key below horizontal
shock(k) = sprintf("< awk -F, 'NR > 1 && $1 == %.1f' summary.csv", k / 10.0)
off(k) = (k - 3) * 0.12
set ylabel "P(run)"
set yrange [-0.02:1.05]
set title "P(run), 95% Wilson"
plot for [k=2:4] shock(k) using ($2 + off(k)):5:6:7 with yerrorbars pt 7 lw 2 title sprintf("shock %d%%", 10*k)
set yrange [*:*]
set ylabel "bad debt (USD millions)"
set title "Mean bad debt, 95% t interval"
plot for [k=2:4] shock(k) using ($2 + off(k)):8:9:10 with yerrorbars pt 7 lw 2 title sprintf("shock %d%%", 10*k)
set ylabel "worst LCR over the run"
set title "Mean worst LCR, 95% t interval"
set yrange [0:2.2]
plot for [k=2:4] shock(k) using ($2 + off(k)):12:13:14 with yerrorbars pt 7 lw 2 title sprintf("shock %d%%", 10*k)
unset multiplot
