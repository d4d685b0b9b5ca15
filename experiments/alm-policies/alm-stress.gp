# ALM policies under stress, paired against no policy. Run from this folder after run.sh and
#   python3 stress_table.py > stress-table.md   (from the repository root; it writes stress-summary.csv):
#   gnuplot alm-stress.gp
# Each point: the mean over 200 paired replicates (common random numbers) of policy − no policy in the same
# stress row, with its 95% interval (mean ± 1.96 standard errors).
set terminal pngcairo size 1400,820 font "sans,10"
set output "alm-stress.png"
set datafile separator ","
set termoption noenhanced   # stress names have underscores
set multiplot layout 2,3 title "ALM policies against no policy, paired, by stress (95% intervals)"
set grid
set xtics ("rebalancing" 1, "margins" 2, "controller" 3, "forecast" 4, "combined" 5)
set xrange [0.5:5.5]
set key font ",9"
set style line 1 lc rgb "#1b9e77" pt 7
set style line 2 lc rgb "#d95f02" pt 5
set style line 3 lc rgb "#7570b3" pt 9
set style line 4 lc rgb "#e7298a" pt 11
set style line 5 lc rgb "#66a61e" pt 13
cell(sc, k) = sprintf("< awk -F, '$1 == \"%s\" && $4 == %d' stress-summary.csv", sc, k)
off(k) = (k - 2) * 0.13
names = "none flash_crash bear_market gas_spike correlation_breakdown"
do for [sc in "reference multi-collateral"] {
    last = (sc eq "reference") ? 3 : 4
    if (sc eq "reference") { set key top left } else { set key bottom left }
    set title sprintf("%s: ΔP(run)", sc)
    set ylabel "P(run) − P(run | no policy)"
    plot 0 with lines lc rgb "gray" notitle, \
        for [k=0:last] cell(sc, k) using ($5 + off(k)):6:7:8 with yerrorbars ls (k + 1) lw 1.5 title word(names, k + 1)
    set title sprintf("%s: Δ mean minimum LCR", sc)
    set ylabel "LCR − LCR | no policy"
    plot 0 with lines lc rgb "gray" notitle, \
        for [k=0:last] cell(sc, k) using ($5 + off(k)):9:10:11 with yerrorbars ls (k + 1) lw 1.5 notitle
    set title sprintf("%s: Δ yield given up", sc)
    set ylabel "thousand USD over the run"
    plot 0 with lines lc rgb "gray" notitle, \
        for [k=0:last] cell(sc, k) using ($5 + off(k)):12:13:14 with yerrorbars ls (k + 1) lw 1.5 notitle
}
unset multiplot
