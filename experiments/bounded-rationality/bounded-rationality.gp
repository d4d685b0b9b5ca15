# P(run) against the shock s = 0.9 - y to the expected liquidity ratio, one curve per behaviour.
# Points: 1,000 replicates each with 95% Wilson bars (results/*/estimates.csv). Redraw: gnuplot bounded-rationality.gp
set encoding utf8
set datafile separator comma
set xlabel 'shock to the expected liquidity ratio, s = 0.9 − y'
set ylabel 'P(run) = P(reserve exhausted)'
set title 'Depositor behaviours in the Morris–Shin pool (t = 0.3, α = 4, β = 100)' noenhanced
set yrange [0:1.02]
set xrange [-0.02:0.62]
set grid lc rgb '#dddddd'
set key outside right top box
set linetype 1 lc rgb '#000000' lw 2 pt 7
set linetype 2 lc rgb '#E69F00' lw 2 pt 5
set linetype 3 lc rgb '#D55E00' lw 2 pt 13
set linetype 4 lc rgb '#56B4E9' lw 2 pt 9
set linetype 5 lc rgb '#0072B2' lw 2 pt 11
set linetype 6 lc rgb '#009E73' lw 2 pt 4
set linetype 7 lc rgb '#CC79A7' lw 2 pt 6
set linetype 8 lc rgb '#999999' lw 1 dt 2
# estimates.csv columns: [by,] prior_mean, replicates, runs, p_run, wilson_lo, wilson_hi, ...
sel(col, v) = (column(col) == v ? 1 : NaN)
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1400,800 font 'Sans,14'; set output 'bounded-rationality.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1400,800 font 'Sans,14'; set output 'bounded-rationality.svg' }
    plot 'results/nash-closed-form.csv' using (0.9-$1):5 with lines lt 8 title 'Nash, closed form', \
         'results/nash/estimates.csv' every ::1 using (0.9-$1):4:5:6 with yerrorlines lt 1 title 'Nash (morris_shin)', \
         'results/quantal/estimates.csv' every ::1 using (0.9-$2):($1==3 ? $5 : NaN):6:7 with yerrorlines lt 2 title 'quantal, λ = 3', \
         'results/quantal/estimates.csv' every ::1 using (0.9-$2):($1==30 ? $5 : NaN):6:7 with yerrorlines lt 3 title 'quantal, λ = 30', \
         'results/level-k/estimates.csv' every ::1 using (0.9-$2):($1==1 ? $5 : NaN):6:7 with yerrorlines lt 4 title 'level 1 (level 0 always runs)', \
         'results/level-k/estimates.csv' every ::1 using (0.9-$2):($1==2 ? $5 : NaN):6:7 with yerrorlines lt 5 title 'level 2', \
         'results/level-k/estimates.csv' every ::1 using (0.9-$2):($1==3 ? $5 : NaN):6:7 with yerrorlines lt 6 title 'level 3', \
         'results/level-k-never/estimates.csv' every ::1 using (0.9-$2):($1==1 ? $5 : NaN):6:7 with yerrorlines lt 7 title 'level 1 (level 0 never runs)'
    unset output
}
