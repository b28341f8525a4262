package com.example;

/** The payroll service. */
public class Payroll {
    public static void main(String[] args) {
        System.out.println("payroll");
    }
}
