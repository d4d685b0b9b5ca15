# Morris–Shin: P(run) = Phi(sqrt(alpha) (theta* - y)) against the prior mean y, closed form (lines,
# from `ballast equilibrium --vary`) and simulated (points with 95% Wilson bands, from `ballast sweep`).
# Redraw: cd experiments/global-games/figure && gnuplot global-games.gp
set encoding utf8
set xlabel 'prior mean y of the liquidity ratio θ'
set ylabel 'P(run) = P(reserve exhausted)'
set title 'Morris–Shin depositors: closed form (lines) vs simulation (points, 95% Wilson), t = 0.3, α = 4' noenhanced
set yrange [0:1]
set xrange [0.28:0.92]
set grid lc rgb '#dddddd'
set key bottom left box opaque
set linetype 1 lc rgb '#0072B2' lw 2 pt 7 ps 1.2
set linetype 2 lc rgb '#D55E00' lw 2 pt 5 ps 1.2
set linetype 3 lc rgb '#009E73' lw 2 pt 9 ps 1.4
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo size 1200,800 font 'Sans,14'; set output 'global-games.png' }
    if (fmt eq 'svg') { set terminal svg size 1200,800 font 'Sans,14'; set output 'global-games.svg' }
    plot 'closed-form-beta10.dat'   using 1:5 with lines lt 1 title 'β = 10, closed form', \
         'simulated.dat' index 0 using 2:5:6:7 with yerrorbars lt 1 title 'β = 10, simulated', \
         'closed-form-beta100.dat'  using 1:5 with lines lt 2 title 'β = 100, closed form', \
         'simulated.dat' index 1 using 2:5:6:7 with yerrorbars lt 2 title 'β = 100, simulated', \
         'closed-form-beta1000.dat' using 1:5 with lines lt 3 title 'β = 1000, closed form', \
         'simulated.dat' index 2 using 2:5:6:7 with yerrorbars lt 3 title 'β = 1000, simulated'
    unset output
}
